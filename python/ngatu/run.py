"""`run_scenario`: the scenario's strategies and Python policies on the same seeds, written to
the standard results directory with its report."""
import ctypes
import os

import numpy as np

from . import _lib
from .simulation import FIELDS, Observation, Simulation


class Hold:
    """A policy's answer: keep the current phase until time `until` (s)."""

    __slots__ = ("until",)

    def __init__(self, until):
        self.until = float(until)


def _junction_facts(scenario):
    """Static facts of every controlled junction (phases, downstream weights), by id."""
    sim = Simulation(scenario)
    return {j.id: j for j in sim.junctions}


def run_scenario(scenario, policies, out, replications=None, min_green=7.0, interval=5.0, language=None):
    """Runs `scenario` as `ngatu run` does, plus one strategy per entry of `policies`
    ({name: callable}); writes runs.csv, comparison.csv, …, results.sqlite and report.html to `out`.

    A policy is called at each decision point of each junction it controls, as a built-in
    controller is (at the start, at every green start, when its hold expires) with an
    `Observation` (its `junction` id, clock, phase, movement rows) and the junction's static
    facts (`ngatu.simulation.Junction`), and returns a phase (switch to it: the core still
    enforces minimum green, yellow and all-red; the current phase holds it `interval` s),
    `Hold(until)`, or None (hold `interval` s). Runs go one at a time. An exception in a policy
    is raised here once the runs end, and nothing is published to `out`.
    """
    scenario = os.fspath(scenario)
    facts = _junction_facts(scenario)
    names = list(policies)
    errors = []

    def wrap(fn):
        def call(_user, junction, state, rows, n, hold):
            try:
                jid = junction.decode()
                s = np.ctypeslib.as_array(state, shape=(_lib.STATE_COUNT,)).copy()
                m = np.ctypeslib.as_array(rows, shape=(max(1, n), len(FIELDS)))[:n].copy()
                answer = fn(Observation(jid, s, m), facts[jid])
                if answer is None or (isinstance(answer, (int, np.integer)) and int(answer) == int(s[1])):
                    hold[0] = s[0] + interval
                    return -1
                if isinstance(answer, Hold):
                    hold[0] = answer.until
                    return -1
                return int(answer)
            except BaseException as e:  # raised after the run, which publishes nothing
                if not errors:
                    errors.append(e)
                return -2
        return _lib.POLICY_FN(call)

    callbacks = [wrap(policies[n]) for n in names]
    c_names = (ctypes.c_char_p * len(names))(*[n.encode() for n in names])
    c_fns = (_lib.POLICY_FN * len(names))(*callbacks)
    c_users = (ctypes.c_void_p * len(names))()
    status = _lib.run_scenario(scenario.encode(), os.fspath(out).encode(), len(names), c_names, c_fns, c_users,
                               float(min_green), int(replications or 0), language.encode() if language else None)
    if errors:
        raise errors[0]
    _lib.check(status)
    return os.fspath(out)


def max_pressure(obs, junction, interval=5.0):
    """Varaiya's max-pressure written in Python: the built-in `max-pressure` decision, step by step."""
    pressure = [sum(obs.saturation_flow[k] * max(0.0, obs.queued_pcu[k] - junction.downstream_weight[k] * obs.downstream_pcu[k])
                    for k in phase) for phase in junction.phases]
    best = max(pressure)
    top = [q for q, p in enumerate(pressure) if p >= best - 1e-9]
    if obs.phase < 0:
        return top[0]
    if obs.time < obs.earliest_switch - 1e-6:
        return Hold(obs.earliest_switch)
    q = obs.phase if obs.phase in top else top[0]
    return Hold(obs.time + interval) if q == obs.phase else q
