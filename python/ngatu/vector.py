"""`VectorSignalEnv`: many runs of a scenario stepped in one call (threads in the library),
every controlled junction of every run an agent, for training throughput."""
import numpy as np

from .observation import WAIT, Encoder, observation_size
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
        self._open = lambda r: Simulation(self.scenario, strategy=strategy, point=point, replication=r,
                                          external=junctions, min_green=min_green, detector_distance=detector_distance)
        self._reward_kind = reward
        self._replication = [first_replication + i for i in range(self.num_envs)]
        self.sims = [self._open(r) for r in self._replication]
        self._handles = handle_array(self.sims)
        self.junctions = self.sims[0].junctions
        self.agents = [j.id for j in self.junctions]
        self.obs_size = max(observation_size(j) for j in self.junctions)
        self.end = min(self.sims[0].duration, end_time) if end_time else self.sims[0].duration
        self._obs = np.zeros((self.num_envs, len(self.junctions), self.obs_size), dtype=np.float32)
        self._encoders = [Encoder(self.junctions, reward, width=self.obs_size) for _ in range(self.num_envs)]
        self.episode_results = []
        # Named rewards: every run observes into one pair of buffers and one encoder turns all
        # of them into observations and rewards in one numpy pass.
        self._rows_per_run = int(self.sims[0]._row_start[-1])
        self._batched = not callable(reward) and self._rows_per_run > 0
        if self._batched:
            n, J = self.num_envs, len(self.junctions)
            self._state = np.zeros((n * J, _lib.STATE_COUNT))
            self._rows = np.zeros((n * self._rows_per_run, _lib.FIELD_COUNT))
            for i in range(n):
                self._bind(i)
            self._encoder = Encoder(self.junctions * n, reward, width=self.obs_size)

    def _bind(self, i):
        """Makes run i observe into its slice of the shared buffers."""
        J, R = len(self.junctions), self._rows_per_run
        sim = self.sims[i]
        sim._state = self._state[i * J:(i + 1) * J]
        sim._rows = self._rows[i * R:(i + 1) * R]
        sim._state_p, sim._rows_p = _lib.ptr(sim._state), _lib.ptr(sim._rows)

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
        if self._batched:
            for sim in self.sims:
                sim.observe_rows()
            self._encoder.reset(self._state, self._rows)
            self._encoder.observe(self._state, self._rows, self._obs.reshape(-1, self.obs_size))
            return self._obs.copy()
        for i in range(self.num_envs):
            self._observe(i, reset=True)
        return self._obs.copy()

    def step(self, actions):
        if self._batched:
            return self._step_batched(actions)
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
                self.sims[i] = self._open(self._replication[i])
                self._observe(i, reset=True)
            self._handles = handle_array(self.sims)
        return self._obs.copy(), rewards, done

    def _step_batched(self, actions):
        n, J = self.num_envs, len(self.junctions)
        actions = np.asarray(actions, dtype=np.int32).reshape(n, J)
        for i, sim in enumerate(self.sims):
            sim.set_phases(actions[i])
        dt = min(self.delta_time, self.end - self.sims[0].time)
        advance_many(self.sims, dt, self.threads, self._handles)
        for sim in self.sims:
            sim.observe_rows()
        rewards = self._encoder.rewards(self._state, self._rows).reshape(n, J)
        done = np.array([sim.time >= self.end - 1e-9 for sim in self.sims])
        if done.any():
            for i in np.flatnonzero(done):
                self.episode_results.append(self.sims[i].close())
                self._replication[i] += n
                self.sims[i] = self._open(self._replication[i])
                self._bind(i)
                self.sims[i].observe_rows()
            # The waiting time the next rewards start from, for the runs just opened.
            wait = self._encoder._sum(self._rows[:, WAIT]) / 100.0
            for i in np.flatnonzero(done):
                self._encoder.last[i * J:(i + 1) * J] = wait[i * J:(i + 1) * J]
            self._handles = handle_array(self.sims)
        self._encoder.observe(self._state, self._rows, self._obs.reshape(-1, self.obs_size))
        return self._obs.copy(), rewards, done
