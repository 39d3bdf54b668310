"""sumo-rl's observation and rewards, computed from a junction's observation rows.

Observation (float32, in [0, 1]): the current phase one-hot (all zero before the first
green and during an intergreen, as sumo-rl shows no green phase then), a flag that the
minimum green is over (a change asked now starts now), and per incoming movement its
density (PCU queued or approaching within the detector distance, over what its approach
road stores) and its queue (PCU queued over the same), capped at 1.
"""
import numpy as np

from .simulation import FIELD, GREEN

Q_PCU, A_PCU, DOWN_PCU, WAIT = FIELD["queued_pcu"], FIELD["approaching_pcu"], FIELD["downstream_pcu"], FIELD["queue_wait_s"]


def observation_size(junction):
    return junction.phase_count + 1 + 2 * junction.movement_count


def encode(junction, state, rows, out=None):
    """The sumo-rl style observation vector of one junction."""
    p, m = junction.phase_count, junction.movement_count
    out = np.zeros(observation_size(junction), dtype=np.float32) if out is None else out
    out[:p] = 0
    phase = int(state[1])
    if int(state[2]) == GREEN and 0 <= phase < p:
        out[phase] = 1
    out[p] = state[5]
    cap = np.maximum(junction.approach_storage_pcu, 1e-9)
    out[p + 1:p + 1 + m] = np.minimum(1, (rows[:, Q_PCU] + rows[:, A_PCU]) / cap)
    out[p + 1 + m:] = np.minimum(1, rows[:, Q_PCU] / cap)
    return out


class Reward:
    """A reward by name: `diff-waiting-time` (sumo-rl's default: the fall in the seconds that the
    vehicles queued at the junction have waited, over 100), `queue` (minus the vehicles
    queued), `pressure` (PCU on the roads the movements lead to minus PCU queued or approaching
    on the incoming movements, as sumo-rl's out − in); or any callable (junction, state, rows) → float."""

    NAMES = ("diff-waiting-time", "queue", "pressure")

    def __init__(self, kind):
        if not callable(kind) and kind not in self.NAMES:
            raise ValueError(f"reward must be one of {', '.join(self.NAMES)} or a callable, got {kind!r}")
        self.kind = kind
        self.last = 0.0

    def reset(self, junction, state, rows):
        self.last = float(rows[:, WAIT].sum()) / 100.0

    def __call__(self, junction, state, rows):
        if callable(self.kind):
            return float(self.kind(junction, state, rows))
        if self.kind == "diff-waiting-time":
            wait = float(rows[:, WAIT].sum()) / 100.0
            r, self.last = self.last - wait, wait
            return r
        if self.kind == "queue":
            return -float(rows[:, FIELD["queued_vehicles"]].sum())
        # pressure: each exit road once
        out = float(rows[junction.exit_first, DOWN_PCU].sum())
        return out - float((rows[:, Q_PCU] + rows[:, A_PCU]).sum())


class Encoder:
    """Observations and rewards of every external junction of a run at once (numpy over the
    flat movement rows of `Simulation.observe_all`): the same numbers as `encode` and `Reward`
    junction by junction, without a Python loop per junction."""

    def __init__(self, junctions, reward, width=None):
        self.junctions = junctions
        self.reward_kind = reward
        if not callable(reward) and reward not in Reward.NAMES:
            raise ValueError(f"reward must be one of {', '.join(Reward.NAMES)} or a callable, got {reward!r}")
        n = len(junctions)
        self.width = width or max(observation_size(j) for j in junctions)
        counts = np.array([j.movement_count for j in junctions])
        self.row_start = np.concatenate([[0], np.cumsum(counts)]).astype(np.intp)
        rows = int(self.row_start[-1])
        self.junction_of_row = np.repeat(np.arange(n), counts)
        local = np.arange(rows) - self.row_start[self.junction_of_row]
        base = self.junction_of_row * self.width
        pcount = np.array([j.phase_count for j in junctions])
        self.phase_count = pcount
        self.density_at = base + pcount[self.junction_of_row] + 1 + local
        self.queue_at = self.density_at + counts[self.junction_of_row]
        self.flag_at = np.arange(n) * self.width + pcount
        self.cap = np.maximum(np.concatenate([j.approach_storage_pcu for j in junctions]), 1e-9) if rows else np.zeros(0)
        exit_rows = [self.row_start[k] + j.exit_first for k, j in enumerate(junctions)]
        self.exit_rows = np.concatenate(exit_rows).astype(np.intp) if exit_rows else np.zeros(0, dtype=np.intp)
        self.junction_of_exit = self.junction_of_row[self.exit_rows]
        self.per_junction = [Reward(reward) for _ in junctions] if callable(reward) else None
        self.last = np.zeros(n)

    def observe(self, states, rows, out):
        """Fills `out` (junctions × width, float32) from one run's observe_all buffers."""
        flat = out.reshape(-1)
        out[:] = 0
        phase = states[:, 1].astype(np.intp)
        green = (states[:, 2] == 0) & (phase >= 0) & (phase < self.phase_count)
        k = np.flatnonzero(green)
        flat[k * self.width + phase[k]] = 1
        flat[self.flag_at] = states[:, 5]
        q = rows[:self.row_start[-1], Q_PCU]
        flat[self.density_at] = np.minimum(1, (q + rows[:self.row_start[-1], A_PCU]) / self.cap)
        flat[self.queue_at] = np.minimum(1, q / self.cap)
        return out

    def _sum(self, values):
        return np.bincount(self.junction_of_row, weights=values, minlength=len(self.junctions))

    def reset(self, states, rows):
        if self.per_junction:
            for k, j in enumerate(self.junctions):
                self.per_junction[k].reset(j, states[k], rows[self.row_start[k]:self.row_start[k + 1]])
        else:
            self.last = self._sum(rows[:self.row_start[-1], WAIT]) / 100.0

    def rewards(self, states, rows):
        """One reward per junction."""
        n = self.row_start[-1]
        if self.per_junction:
            return np.array([self.per_junction[k](j, states[k], rows[self.row_start[k]:self.row_start[k + 1]])
                             for k, j in enumerate(self.junctions)])
        if self.reward_kind == "diff-waiting-time":
            wait = self._sum(rows[:n, WAIT]) / 100.0
            r, self.last = self.last - wait, wait
            return r
        if self.reward_kind == "queue":
            return -self._sum(rows[:n, FIELD["queued_vehicles"]])
        out = np.bincount(self.junction_of_exit, weights=rows[self.exit_rows, DOWN_PCU], minlength=len(self.junctions))
        return out - self._sum(rows[:n, Q_PCU] + rows[:n, A_PCU])
