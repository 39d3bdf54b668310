"""An external rule in a dozen lines: max-pressure written in Python, run beside the scenario's
built-in strategies on the same seeds, with the standard results directory and report.

    .venv/bin/python examples/python_max_pressure.py [SCENARIO] [OUT]
"""
import sys

import ngatu


def max_pressure(obs, junction, interval=5.0):
    # Pressure of a phase: Σ saturation flow × max(0, queue − weight × downstream PCU).
    pressure = [sum(obs.saturation_flow[k] * max(0.0, obs.queued_pcu[k] - junction.downstream_weight[k] * obs.downstream_pcu[k])
                    for k in phase) for phase in junction.phases]
    best = [q for q, p in enumerate(pressure) if p >= max(pressure) - 1e-9]
    if obs.phase < 0:
        return best[0]
    if obs.time < obs.earliest_switch - 1e-6:          # the core would wait anyway: ask again then
        return ngatu.Hold(obs.earliest_switch)
    q = obs.phase if obs.phase in best else best[0]
    return ngatu.Hold(obs.time + interval) if q == obs.phase else q


if __name__ == "__main__":
    scenario = sys.argv[1] if len(sys.argv) > 1 else "scenarios/isolated-junction.yaml"
    out = sys.argv[2] if len(sys.argv) > 2 else "results/python-max-pressure"
    ngatu.run_scenario(scenario, policies={"py-max-pressure": max_pressure}, out=out)
    print(open(f"{out}/comparison.csv").read())
