"""`Simulation`: one run of a scenario stepped from Python over the C interface."""
import ctypes
import os
import threading

import numpy as np

from . import _lib

#: Columns of a junction's movement rows (`Observation.movements`), as in ngatu.h.
FIELDS = ("queued_vehicles", "queued_pcu", "approaching_vehicles", "approaching_pcu",
          "seconds_since_detection", "downstream_pcu", "downstream_storage_pcu", "saturation_flow",
          "departed_vehicles", "departed_pcu", "queue_wait_s")
FIELD = {name: i for i, name in enumerate(FIELDS)}

#: The runs.csv measures `Simulation.results` returns.
RESULT_COLUMNS = ("seed", "vehicles_finished", "vehicles_unfinished", "vehicles_waiting", "mean_travel_time_s",
                  "mean_delay_s", "mean_stops", "total_delay_veh_h", "mean_delay_pcu_s", "throughput_veh_h",
                  "vehicles_demanded", "mean_delay_all_s", "latent_delay_veh_h", "max_wait_s")

GREEN, YELLOW, ALL_RED, INITIAL = 0, 1, 2, 3


class Scenario:
    """A scenario file read and checked once; any number of runs open from it."""

    _cache = {}
    _lock = threading.Lock()

    def __init__(self, path):
        self.path = os.path.abspath(os.fspath(path))
        handle = ctypes.c_void_p()
        _lib.check(_lib.scenario_open(self.path.encode(), ctypes.byref(handle)))
        self._h = handle
        h = self._h
        self.strategies = [_lib.scenario_strategy_name(h, i).decode() for i in range(_lib.scenario_strategy_count(h))]
        self.baseline = _lib.scenario_baseline(h).decode()
        self.points = _lib.scenario_point_count(h)
        self.replications = _lib.scenario_replications(h)
        self.duration = _lib.scenario_duration(h)
        self.controlled = [_lib.scenario_controlled_id(h, i).decode() for i in range(_lib.scenario_controlled_count(h))]

    @classmethod
    def get(cls, scenario):
        """The Scenario of a path (read once per file and modification time), or `scenario` itself."""
        if isinstance(scenario, Scenario):
            return scenario
        path = os.path.abspath(os.fspath(scenario))
        key = (path, os.stat(path).st_mtime_ns if os.path.exists(path) else 0)
        with cls._lock:
            if key not in cls._cache:
                cls._cache[key] = Scenario(path)
            return cls._cache[key]

    def __del__(self):
        h = getattr(self, "_h", None)
        if h is not None and _lib is not None:
            _lib.scenario_free(h)
            self._h = None


class Observation:
    """What one junction's controller sees: clock and phase, and one row per incoming
    movement (`movements[m, FIELD[name]]`, or the named properties)."""

    __slots__ = ("junction", "state", "movements")

    def __init__(self, junction, state, movements):
        self.junction = junction
        self.state = state
        self.movements = movements

    time = property(lambda self: float(self.state[0]))
    phase = property(lambda self: int(self.state[1]))
    stage = property(lambda self: int(self.state[2]))
    green_elapsed = property(lambda self: float(self.state[3]))
    earliest_switch = property(lambda self: float(self.state[4]))
    can_switch = property(lambda self: bool(self.state[5]))

    def __getattr__(self, name):
        if name in FIELD:
            return self.movements[:, FIELD[name]]
        raise AttributeError(name)


class Junction:
    """Static facts of an external junction: phases (as movement index arrays and a phase ×
    movement mask), intergreens, and per movement its approach, the approach's storage, the
    exit road it leads to and max-pressure's downstream weight."""

    def __init__(self, sim_handle, k):
        h = sim_handle
        self.index = k
        self.id = _lib.sim_junction_id(h, k).decode()
        p = _lib.sim_phase_count(h, k)
        m = _lib.sim_movement_count(h, k)
        self.phase_count, self.movement_count = p, m
        mask = np.zeros((p, m), dtype=np.uint8)
        intergreen = np.zeros(p)
        _lib.check(_lib.sim_phase_info(h, k, _lib.ptr(mask, ctypes.c_uint8), _lib.ptr(intergreen)))
        self.phase_mask = mask.astype(bool)
        self.phases = [np.flatnonzero(row) for row in self.phase_mask]
        self.intergreen = intergreen
        weight = np.zeros(m)
        approach = np.zeros(m, dtype=np.int32)
        storage = np.zeros(m)
        exit_ = np.zeros(m, dtype=np.int32)
        _lib.check(_lib.sim_movement_info(h, k, _lib.ptr(weight), _lib.ptr(approach, ctypes.c_int32), _lib.ptr(storage),
                                          _lib.ptr(exit_, ctypes.c_int32)))
        self.downstream_weight = weight
        self.approach = approach
        self.exit = exit_
        # First movement of each exit road: its downstream PCU counted once.
        self.exit_first = np.array([int(np.flatnonzero(exit_ == e)[0]) for e in range(int(exit_.max()) + 1)] if m else [], dtype=int)
        self.approach_storage_pcu = storage


class Simulation:
    """One run of a scenario, stepped from Python.

    `strategy` (default: the baseline) runs every junction not in `external`; `external` lists
    the junctions whose next phase Python sets (default: every junction the scenario
    controls; [] for none). Replication `replication` (from 1) runs on the scenario's seed
    rule (`seed + replication - 1`), at sweep point `point`. The core enforces `min_green`
    (and its own floor), yellow and all-red for external junctions: `set_phase` only names
    the phase wanted next.
    """

    def __init__(self, scenario, strategy=None, point=0, replication=1, external=None, min_green=7.0,
                 detector_distance=50.0, _junctions=None):
        self.scenario = Scenario.get(scenario)
        ext = None if external is None else ",".join(external).encode()
        handle = ctypes.c_void_p()
        _lib.check(_lib.sim_open(self.scenario._h, strategy.encode() if strategy else None, int(point), int(replication),
                                 ext, float(min_green), float(detector_distance), ctypes.byref(handle)))
        self._h = handle
        self.replication = replication
        # Another run of the same scenario, point and external junctions has the same static
        # facts (environments reopen runs at every episode): `_junctions` shares them.
        count = _lib.sim_junction_count(handle)
        if _junctions is not None and [j.id for j in _junctions] == [_lib.sim_junction_id(handle, k).decode() for k in range(count)]:
            self.junctions = _junctions
        else:
            self.junctions = [Junction(handle, k) for k in range(count)]
        self.junction_ids = [j.id for j in self.junctions]
        counts = [j.movement_count for j in self.junctions]
        self._row_start = np.concatenate([[0], np.cumsum(counts)]).astype(int)
        self._state = np.zeros((len(self.junctions), _lib.STATE_COUNT))
        self._rows = np.zeros((max(1, int(self._row_start[-1])), _lib.FIELD_COUNT))
        self._phases = np.full(len(self.junctions), -1, dtype=np.int32)
        # C pointers to the buffers, made once: ctypes conversions cost more than a step's work.
        self._state_p, self._rows_p = _lib.ptr(self._state), _lib.ptr(self._rows)
        self._phases_p = _lib.ptr(self._phases, ctypes.c_int32)
        self.results = None

    @property
    def time(self):
        return _lib.sim_time(self._h)

    @property
    def duration(self):
        return _lib.sim_duration(self._h)

    @property
    def done(self):
        return self.time >= self.duration

    def step(self, dt):
        """Advances by `dt` seconds (clipped to the duration)."""
        _lib.check(_lib.sim_advance_by(self._h, float(dt)))

    def advance_to(self, t):
        """Advances to time `t` (s)."""
        _lib.check(_lib.sim_advance_to(self._h, float(t)))

    def observe(self, k=0):
        """Observation of external junction `k` (index or id), copied."""
        k = self._index(k)
        j = self.junctions[k]
        state = np.zeros(_lib.STATE_COUNT)
        rows = np.zeros((max(1, j.movement_count), _lib.FIELD_COUNT))
        _lib.check(_lib.sim_observe(self._h, k, _lib.ptr(state), _lib.ptr(rows)))
        return Observation(j.id, state, rows[:j.movement_count])

    def observe_all(self):
        """Every external junction at once: (state array junctions × 6, list of movement arrays).
        The arrays are this run's buffers, overwritten by the next call."""
        _lib.check(_lib.sim_observe_all(self._h, self._state_p, self._rows_p))
        s = self._row_start
        return self._state, [self._rows[s[k]:s[k + 1]] for k in range(len(self.junctions))]

    def observe_rows(self):
        """Every external junction at once, as this run's two buffers: states (junctions × 6)
        and the movement rows one junction after the other (`observe_all` without the slicing)."""
        status = _lib.sim_observe_all(self._h, self._state_p, self._rows_p)
        if status:
            _lib.check(status)
        return self._state, self._rows

    def set_phase(self, k, phase):
        """The phase external junction `k` should show next."""
        _lib.check(_lib.sim_set_phase(self._h, self._index(k), int(phase)))

    def set_phases(self, phases):
        """One phase per external junction (negative: leave as it is)."""
        self._phases[:] = phases
        status = _lib.sim_set_phases(self._h, self._phases_p)
        if status:
            _lib.check(status)

    def close(self):
        """Runs what is left and returns the run's runs.csv measures (a dict)."""
        if self.results is None:
            _lib.check(_lib.sim_close(self._h))
            out = {}
            v = ctypes.c_double()
            for name in RESULT_COLUMNS:
                _lib.check(_lib.sim_result(self._h, name.encode(), ctypes.byref(v)))
                out[name] = v.value
            self.results = out
        return self.results

    def _index(self, k):
        if isinstance(k, str):
            try:
                return self.junction_ids.index(k)
            except ValueError:
                raise _lib.NgatuError(_lib.ERROR_ARGUMENT, f"junction {k!r} is not external in this run "
                                      f"(external: {', '.join(self.junction_ids)})") from None
        return int(k)

    def __del__(self):
        h = getattr(self, "_h", None)
        if h is not None and _lib is not None:
            _lib.sim_free(h)
            self._h = None


def advance_many(sims, dt, threads=0, handles=None):
    """Advances several runs by `dt` in one call, on up to `threads` threads (0: every core).
    `handles` may be a ctypes array of the runs' handles made once by `handle_array`."""
    arr = handles if handles is not None else handle_array(sims)
    _lib.check(_lib.sims_advance_by(arr, len(sims), float(dt), int(threads)))


def handle_array(sims):
    """The C array of the runs' handles, for `advance_many`."""
    return (ctypes.c_void_p * len(sims))(*[s._h.value for s in sims])
