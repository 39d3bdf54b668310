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
