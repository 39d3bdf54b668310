"""Gymnasium and PettingZoo environments in sumo-rl's conventions.

An agent's action is the green phase it wants next (`Discrete(phases)`); every `delta_time`
seconds each agent acts once. As in sumo-rl, asking for another phase before the minimum
green is over does not shorten it: here the change waits until the core allows it, then runs
the junction's own yellow and all-red (the scenario's plan: `yellow_time` is not a parameter).
Episodes are replications of the scenario: `reset(seed=s)` runs replication s + 1 (run seed
`seed + s` by the scenario's seed rule), `reset()` the next replication.
"""
import ctypes
import functools

import gymnasium
import numpy as np
from gymnasium import spaces

from . import _lib
from .observation import Encoder, observation_size
from .simulation import Scenario, Simulation, handle_array

try:
    from pettingzoo import ParallelEnv
except ImportError:  # pragma: no cover - pettingzoo is a dependency of the package
    ParallelEnv = object


class _Episodes:
    """The run behind an environment: opens replication after replication of one scenario and
    turns its observations into observation vectors and rewards. A named reward is computed
    in the library (`ngatu_sims_step_encoded`: requests, step, observations and rewards in one
    call into preallocated buffers); a callable one from the observation rows (`Encoder`)."""

    def __init__(self, scenario, strategy, point, external, min_green, detector_distance, delta_time, reward,
                 end_time):
        self.scenario = Scenario.get(scenario)
        self.strategy, self.point, self.external = strategy, point, external
        self.min_green, self.detector_distance = min_green, detector_distance
        if not delta_time > 0:
            raise ValueError(f"delta_time must be positive, got {delta_time}")
        self.delta_time = float(delta_time)
        self.end_time = end_time
        self.next_replication = 1
        self.open(1)
        self.junctions = self.sim.junctions
        self.encoder = Encoder(self.junctions, reward)
        self.width = self.encoder.width
        n = len(self.junctions)
        self.obs = np.zeros((n, self.width), dtype=np.float32)
        # The library's reward code, or None for a callable reward (Encoder in numpy).
        self.code = None if callable(reward) else _lib.REWARD_CODES[reward]
        #: The phases `step` requests (negative: keep), written by the environments: a ctypes
        #: array (a list is assigned to it far faster than to a numpy array) and its numpy view.
        self.phases_c = (ctypes.c_int32 * n)(*([-1] * n))
        self.phases = np.frombuffer(self.phases_c, dtype=np.int32)
        self.rewards = np.zeros(n)
        self._times = np.zeros(1)
        self._ptrs = (_lib.ptr(self.phases, ctypes.c_int32), _lib.ptr(self.obs, ctypes.c_float), _lib.ptr(self.rewards),
                      _lib.ptr(self._times))

    def open(self, replication):
        self.sim = Simulation(self.scenario, strategy=self.strategy, point=self.point, replication=replication,
                              external=self.external, min_green=self.min_green,
                              detector_distance=self.detector_distance, _junctions=getattr(self, "junctions", None))
        self.end = min(self.sim.duration, self.end_time) if self.end_time else self.sim.duration
        self._handles = handle_array([self.sim])

    def reset(self, seed):
        """Opens the next replication (or replication seed + 1); returns the observation matrix."""
        if seed is not None:
            replication = 1 + int(seed) % 100_000
        else:
            replication = self.next_replication
        self.next_replication = replication % 100_000 + 1
        self.open(replication)
        if self.code is not None:
            _, obs, _, times = self._ptrs
            _lib.check(_lib.sims_step_encoded(self._handles, 1, None, 0.0, self.end, 1, self.code, self.width, obs, None,
                                              times))
            return self.obs
        states, rows = self.sim.observe_rows()
        self.encoder.reset(states, rows)
        return self.encoder.observe(states, rows, self.obs)

    @property
    def time(self):
        """The run's time (s) after the last reset or step."""
        return float(self._times[0]) if self.code is not None else self.sim.time

    def step(self):
        """Requests `self.phases` (negative: keep), advances delta_time; observation matrix, rewards, done.
        A phase a junction does not have raises ValueError, and nothing moves."""
        if self.code is not None:
            phases, obs, rewards, times = self._ptrs
            status = _lib.sims_step_encoded(self._handles, 1, phases, self.delta_time, self.end, 1, self.code,
                                            self.width, obs, rewards, times)
            if status:
                try:
                    _lib.check(status)
                except _lib.NgatuError as e:
                    if e.status == _lib.ERROR_ARGUMENT:
                        raise ValueError(str(e)) from None
                    raise
            return self.obs, self.rewards, bool(self._times[0] >= self.end - 1e-9)
        for k, q in enumerate(self.phases):
            if q >= self.junctions[k].phase_count:
                raise ValueError(f"action {q} is not a phase of junction {self.junctions[k].id}")
        self.sim.set_phases(self.phases)
        self.sim.advance_to(min(self.end, self.sim.time + self.delta_time))
        states, rows = self.sim.observe_rows()
        rewards = self.encoder.rewards(states, rows)
        return self.encoder.observe(states, rows, self.obs), rewards, self.sim.time >= self.end - 1e-9


class SignalEnv(gymnasium.Env):
    """One junction as a Gymnasium environment (the others keep the scenario's `strategy`).

    `junction` defaults to the first junction the scenario controls. Observation: phase
    one-hot, min-green flag, per-movement density and queue (`ngatu.observation`). Reward:
    `diff-waiting-time` (default), `queue`, `pressure` or a callable. `end_time` cuts episodes
    short of the scenario's duration.
    """

    metadata = {"render_modes": []}

    def __init__(self, scenario, junction=None, delta_time=5.0, reward="diff-waiting-time", strategy=None, point=0,
                 min_green=7.0, detector_distance=50.0, end_time=None):
        sc = Scenario.get(scenario)
        junction = junction or sc.controlled[0]
        self._episodes = _Episodes(sc, strategy, point, [junction], min_green, detector_distance, delta_time, reward,
                                   end_time)
        self.junction = self._episodes.junctions[0]
        self.observation_space = spaces.Box(0.0, 1.0, shape=(observation_size(self.junction),), dtype=np.float32)
        self.action_space = spaces.Discrete(self.junction.phase_count)

    @property
    def sim(self):
        return self._episodes.sim

    def reset(self, *, seed=None, options=None):
        super().reset(seed=seed)
        obs = self._episodes.reset(seed)
        return obs[0].copy(), {"time": self.sim.time}

    def step(self, action):
        if not (type(action) is int and 0 <= action < self.junction.phase_count) and not self.action_space.contains(action):
            raise ValueError(f"action {action!r} is not a phase of junction {self.junction.id} (0 to {self.junction.phase_count - 1})")
        self._episodes.phases[0] = int(action)
        obs, rewards, done = self._episodes.step()
        return obs[0].copy(), float(rewards[0]), False, done, {"time": self._episodes.time}


class ParallelSignalEnv(ParallelEnv):
    """Every junction the scenario controls (or those in `junctions`) as a PettingZoo agent,
    named by its junction id; all act every `delta_time` seconds."""

    metadata = {"render_modes": [], "name": "ngatu_parallel_v0", "is_parallelizable": True}

    def __init__(self, scenario, junctions=None, delta_time=5.0, reward="diff-waiting-time", strategy=None, point=0,
                 min_green=7.0, detector_distance=50.0, end_time=None):
        self._episodes = _Episodes(scenario, strategy, point, junctions, min_green, detector_distance, delta_time,
                                   reward, end_time)
        self.possible_agents = [j.id for j in self._episodes.junctions]
        self._junction = {j.id: j for j in self._episodes.junctions}
        self._size = [observation_size(j) for j in self._episodes.junctions]
        # Every junction's vector is as wide as the widest: its row of the matrix is its observation.
        self._uniform = all(size == self._episodes.width for size in self._size)
        self.agents = []
        self.render_mode = None

    @property
    def sim(self):
        return self._episodes.sim

    @functools.lru_cache(maxsize=None)
    def observation_space(self, agent):
        return spaces.Box(0.0, 1.0, shape=(observation_size(self._junction[agent]),), dtype=np.float32)

    @functools.lru_cache(maxsize=None)
    def action_space(self, agent):
        return spaces.Discrete(self._junction[agent].phase_count)

    def reset(self, seed=None, options=None):
        m = self._episodes.reset(seed)
        self.agents = list(self.possible_agents)
        return self._observations(m.copy(), self.agents), {a: {} for a in self.agents}

    def _observations(self, m, agents):
        """{agent: its row of the fresh matrix m} (views of m, which nothing else holds)."""
        if self._uniform and len(agents) == len(self.possible_agents):
            return dict(zip(agents, m))
        return {a: m[k, :self._size[k]] for k, a in enumerate(self.possible_agents) if a in agents}

    def step(self, actions):
        agents = self.possible_agents
        phases = self._episodes.phases
        try:
            # Every agent acting, as in a training loop: the whole vector at once.
            wanted = [actions[a] for a in agents]
            self._episodes.phases_c[:] = wanted
            # (Negative or past int32, which the ctypes array would wrap: refused here; a phase
            # a junction lacks: refused by the library, before anything moves.)
            if min(wanted) < 0 or max(wanted) > 2_147_483_647:
                bad = [q for q in wanted if not 0 <= q <= 2_147_483_647][0]
                raise ValueError(f"action {bad} is not a phase")
        except (KeyError, TypeError):
            phases[:] = -1
            for k, a in enumerate(agents):
                if a in actions and actions[a] is not None:
                    act = int(actions[a])
                    if act < 0:
                        raise ValueError(f"action {act} is not a phase of junction {a}") from None
                    phases[k] = act
        m, rewards, done = self._episodes.step()
        agents = self.agents
        obs = self._observations(m.copy(), agents)
        if len(agents) == len(self.possible_agents):
            rew = dict(zip(agents, rewards.tolist()))
        else:
            rew = {a: float(rewards[k]) for k, a in enumerate(self.possible_agents) if a in agents}
        terminations = dict.fromkeys(agents, False)
        truncations = dict.fromkeys(agents, bool(done))
        infos = {a: {} for a in agents}
        if done:
            self.agents = []
        return obs, rew, terminations, truncations, infos

    def render(self):
        return None

    def close(self):
        pass
