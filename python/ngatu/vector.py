"""`VectorSignalEnv`: many runs of a scenario stepped in one call (threads in the library),
every controlled junction of every run an agent, for training throughput."""
import ctypes

import numpy as np

from .observation import Encoder, observation_size
from . import _lib
from .simulation import Scenario, Simulation, advance_many, handle_array


class VectorSignalEnv:
    """`num_envs` runs in lockstep. `step(actions)` takes an int array (num_envs × agents) of
    next phases and returns observations (num_envs × agents × obs_size, float32, zero-padded
    to the largest junction), rewards (num_envs × agents), and `done` (num_envs,). A run that
    ends is reset at once to its next replication (run i of the vector starts at replication
    `first_replication + i` and steps by `num_envs`), so replications never repeat.
    `threads` = 0 uses every core."""

    def __init__(self, scenario, num_envs=8, delta_time=5.0, reward="diff-waiting-time", strategy=None, point=0,
                 junctions=None, min_green=7.0, detector_distance=50.0, end_time=None, threads=0, first_replication=1):
        self.scenario = Scenario.get(scenario)
        self.num_envs = int(num_envs)
        self.delta_time = float(delta_time)
        self.threads = threads
        self._open = lambda r, facts=None: Simulation(self.scenario, strategy=strategy, point=point, replication=r,
                                                      external=junctions, min_green=min_green,
                                                      detector_distance=detector_distance, _junctions=facts)
        self._reward_kind = reward
        self._replication = [first_replication + i for i in range(self.num_envs)]
        first = self._open(self._replication[0])
        self.sims = [first] + [self._open(r, first.junctions) for r in self._replication[1:]]
        self._handles = handle_array(self.sims)
        self.junctions = self.sims[0].junctions
        self.agents = [j.id for j in self.junctions]
        self.obs_size = max(observation_size(j) for j in self.junctions)
        self.end = min(self.sims[0].duration, end_time) if end_time else self.sims[0].duration
        self._obs = np.zeros((self.num_envs, len(self.junctions), self.obs_size), dtype=np.float32)
        self._encoders = [Encoder(self.junctions, reward, width=self.obs_size) for _ in range(self.num_envs)]
        self.episode_results = []
        # Named rewards: one library call per step requests every run's phases, steps them on
        # the threads and writes every observation and reward into these buffers.
        self._code = None if callable(reward) else _lib.REWARD_CODES.get(reward)
        if self._code is not None:
            n, J = self.num_envs, len(self.junctions)
            self._phases = np.full((n, J), -1, dtype=np.int32)
            self._rewards = np.zeros((n, J))
            self._times = np.zeros(n)
            self._ptrs = (_lib.ptr(self._phases, ctypes.c_int32), _lib.ptr(self._obs, ctypes.c_float),
                          _lib.ptr(self._rewards), _lib.ptr(self._times))

    def _encode_fresh(self, runs):
        """Observations of runs just opened (no step, no reward: their waiting time is the
        baseline of their first reward)."""
        J, w = len(self.junctions), self.obs_size
        for i in map(int, runs):
            obs = ctypes.cast(self._obs.ctypes.data + i * J * w * self._obs.itemsize, _lib.c_float_p)
            times = ctypes.cast(self._times.ctypes.data + i * self._times.itemsize, _lib.c_double_p)
            _lib.check(_lib.sims_step_encoded(handle_array([self.sims[i]]), 1, None, 0.0, self.end, 1, self._code, w, obs,
                                              None, times))

    def _observe(self, i, reset=False):
        states, rows = self.sims[i].observe_rows()
        e = self._encoders[i]
        if reset:
            e.reset(states, rows)
            e.observe(states, rows, self._obs[i])
            return None
        r = e.rewards(states, rows)
        e.observe(states, rows, self._obs[i])
        return r

    def reset(self):
        if self._code is not None:
            self._encode_fresh(range(self.num_envs))
            return self._obs.copy()
        for i in range(self.num_envs):
            self._observe(i, reset=True)
        return self._obs.copy()

    def step(self, actions):
        if self._code is not None:
            return self._step_encoded(actions)
        actions = np.asarray(actions, dtype=np.int32).reshape(self.num_envs, len(self.junctions))
        for i, sim in enumerate(self.sims):
            sim.set_phases(actions[i])
        dt = min(self.delta_time, self.end - self.sims[0].time)
        advance_many(self.sims, dt, self.threads, self._handles)
        rewards = np.zeros((self.num_envs, len(self.junctions)))
        done = np.zeros(self.num_envs, dtype=bool)
        for i in range(self.num_envs):
            rewards[i] = self._observe(i)
            done[i] = self.sims[i].time >= self.end - 1e-9
        if done.any():
            for i in np.flatnonzero(done):
                self.episode_results.append(self.sims[i].close())
                self._replication[i] += self.num_envs
                self.sims[i] = self._open(self._replication[i], self.junctions)
                self._observe(i, reset=True)
            self._handles = handle_array(self.sims)
        return self._obs.copy(), rewards, done

    def _step_encoded(self, actions):
        n, J = self.num_envs, len(self.junctions)
        np.copyto(self._phases, np.reshape(actions, (n, J)), casting="unsafe")
        phases, obs, rewards, times = self._ptrs
        status = _lib.sims_step_encoded(self._handles, n, phases, self.delta_time, self.end, int(self.threads), self._code,
                                        self.obs_size, obs, rewards, times)
        if status:
            _lib.check(status)
        rewards = self._rewards.copy()
        done = self._times >= self.end - 1e-9
        if done.any():
            for i in np.flatnonzero(done):
                self.episode_results.append(self.sims[i].close())
                self._replication[i] += n
                self.sims[i] = self._open(self._replication[i], self.junctions)
            self._handles = handle_array(self.sims)
            self._encode_fresh(np.flatnonzero(done))
        return self._obs.copy(), rewards, done
