"""Loads libNgaTuC and declares the functions of ngatu.h (Sources/CNgaTu/include)."""
import ctypes
import os
import sys
from pathlib import Path

_SUFFIX = ".dylib" if sys.platform == "darwin" else ".so"
_NAME = "libNgaTuC" + _SUFFIX

STATE_COUNT = 6
FIELD_COUNT = 11

# NGATU_REWARD_*: sumo-rl's rewards computed in the library (ngatu_sims_step_encoded).
REWARD_CODES = {"diff-waiting-time": 0, "queue": 1, "pressure": 2}

# ngatu_status
OK, ERROR_INPUT, ERROR_ARGUMENT, ERROR_STATE, ERROR_OUTPUT, ERROR_CONTROLLER = range(6)


class NgatuError(RuntimeError):
    """A failed call of the C interface: `status` is its ngatu_status, the text its message."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


def _candidates():
    env = os.environ.get("NGATU_LIBRARY")
    if env:
        return [Path(env)]
    here = Path(__file__).resolve().parent
    out = [here / "lib" / _NAME]
    # Run from a checkout (the package not installed, or `pip install -e`): the build folders.
    for base in (here.parent.parent, Path.cwd()):
        for config in ("release", "debug"):
            out.append(base / ".build" / config / _NAME)
    return out


def _load():
    tried = _candidates()
    for path in tried:
        if path.is_file():
            return ctypes.CDLL(str(path))
    raise ImportError(
        "ngatu: cannot find " + _NAME + " (looked at " + ", ".join(str(p) for p in tried)
        + "); build it with `make python` or set NGATU_LIBRARY to its path")


lib = _load()

c_double_p = ctypes.POINTER(ctypes.c_double)
c_int32_p = ctypes.POINTER(ctypes.c_int32)
c_uint8_p = ctypes.POINTER(ctypes.c_uint8)
_vp = ctypes.c_void_p
_i32 = ctypes.c_int32
_d = ctypes.c_double
_s = ctypes.c_char_p

POLICY_FN = ctypes.CFUNCTYPE(_i32, _vp, _s, c_double_p, c_double_p, _i32, c_double_p)


def _declare(name, restype, *argtypes):
    f = getattr(lib, name)
    f.restype = restype
    f.argtypes = list(argtypes)
    return f


version = _declare("ngatu_version", _s)
last_error = _declare("ngatu_last_error", _s)
scenario_open = _declare("ngatu_scenario_open", _i32, _s, ctypes.POINTER(_vp))
scenario_free = _declare("ngatu_scenario_free", None, _vp)
scenario_strategy_count = _declare("ngatu_scenario_strategy_count", _i32, _vp)
scenario_strategy_name = _declare("ngatu_scenario_strategy_name", _s, _vp, _i32)
scenario_baseline = _declare("ngatu_scenario_baseline", _s, _vp)
scenario_point_count = _declare("ngatu_scenario_point_count", _i32, _vp)
scenario_replications = _declare("ngatu_scenario_replications", _i32, _vp)
scenario_duration = _declare("ngatu_scenario_duration", _d, _vp)
scenario_controlled_count = _declare("ngatu_scenario_controlled_count", _i32, _vp)
scenario_controlled_id = _declare("ngatu_scenario_controlled_id", _s, _vp, _i32)
sim_open = _declare("ngatu_sim_open", _i32, _vp, _s, _i32, _i32, _s, _d, _d, ctypes.POINTER(_vp))
sim_free = _declare("ngatu_sim_free", None, _vp)
sim_time = _declare("ngatu_sim_time", _d, _vp)
sim_duration = _declare("ngatu_sim_duration", _d, _vp)
sim_advance_to = _declare("ngatu_sim_advance_to", _i32, _vp, _d)
sim_advance_by = _declare("ngatu_sim_advance_by", _i32, _vp, _d)
sims_advance_by = _declare("ngatu_sims_advance_by", _i32, ctypes.POINTER(_vp), _i32, _d, _i32)
c_float_p = ctypes.POINTER(ctypes.c_float)
sims_step_encoded = _declare("ngatu_sims_step_encoded", _i32, ctypes.POINTER(_vp), _i32, c_int32_p, _d, _d, _i32, _i32, _i32,
                             c_float_p, c_double_p, c_double_p)
sim_junction_count = _declare("ngatu_sim_junction_count", _i32, _vp)
sim_junction_id = _declare("ngatu_sim_junction_id", _s, _vp, _i32)
sim_phase_count = _declare("ngatu_sim_phase_count", _i32, _vp, _i32)
sim_movement_count = _declare("ngatu_sim_movement_count", _i32, _vp, _i32)
sim_phase_info = _declare("ngatu_sim_phase_info", _i32, _vp, _i32, c_uint8_p, c_double_p)
sim_movement_info = _declare("ngatu_sim_movement_info", _i32, _vp, _i32, c_double_p, c_int32_p, c_double_p, c_int32_p)
sim_observe = _declare("ngatu_sim_observe", _i32, _vp, _i32, c_double_p, c_double_p)
sim_observe_all = _declare("ngatu_sim_observe_all", _i32, _vp, c_double_p, c_double_p)
sim_set_phase = _declare("ngatu_sim_set_phase", _i32, _vp, _i32, _i32)
sim_set_phases = _declare("ngatu_sim_set_phases", _i32, _vp, c_int32_p)
sim_close = _declare("ngatu_sim_close", _i32, _vp)
sim_result = _declare("ngatu_sim_result", _i32, _vp, _s, c_double_p)
run_scenario = _declare("ngatu_run_scenario", _i32, _s, _s, _i32, ctypes.POINTER(_s), ctypes.POINTER(POLICY_FN),
                        ctypes.POINTER(_vp), _d, _i32, _s)


def check(status):
    """Raises NgatuError with the library's message when `status` is not OK."""
    if status != OK:
        raise NgatuError(status, last_error().decode("utf-8", "replace"))


def ptr(array, ctype=ctypes.c_double):
    """A C pointer to a contiguous numpy array's data."""
    return array.ctypes.data_as(ctypes.POINTER(ctype))
