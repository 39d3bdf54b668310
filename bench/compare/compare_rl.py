"""`make compare-rl`: environment steps per second of sumo-rl (libsumo) and of the `ngatu`
Python package on the same networks: sumo-rl's single intersection and RESCO's grid4x4,
imported with `ngatu import-sumo`. Random actions, delta_time 5 s, one simulated hour,
min_green 5 s; sumo-rl with yellow_time 2 s (ngatu takes the yellow and all-red of the
imported programs). Writes results/bench/compare-rl.md (and .json).

Run in bench/compare/.venv (sumo-rl, libsumo and eclipse-sumo pinned by setup.sh) with the
ngatu package installed from python/ against the release libNgaTuC.
"""
import argparse
import json
import os
import platform
import sys
import time

import numpy as np

HOUR = 3600
DELTA = 5


def load_note():
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"


def sumo_single(net, rou, seed):
    os.environ["LIBSUMO_AS_TRACI"] = "1"
    from sumo_rl import SumoEnvironment
    env = SumoEnvironment(net_file=net, route_file=rou, single_agent=True, use_gui=False, num_seconds=HOUR,
                          delta_time=DELTA, yellow_time=2, min_green=5, sumo_seed=seed, sumo_warnings=False)
    env.reset(seed=seed)
    rng = np.random.default_rng(seed)
    steps, done = 0, False
    t0 = time.perf_counter()
    while not done:
        _, _, term, trunc, _ = env.step(int(rng.integers(env.action_space.n)))
        done = term or trunc
        steps += 1
    dt = time.perf_counter() - t0
    env.close()
    return steps, steps, dt


def random_parallel_episode(env, seed):
    """One episode of a PettingZoo parallel env with random actions: (env steps, agent steps,
    seconds of the stepping loop alone). The same loop for both engines."""
    env.reset(seed=seed)
    rng = np.random.default_rng(seed)
    steps = agent_steps = 0
    t0 = time.perf_counter()
    while env.agents:
        actions = {a: int(rng.integers(env.action_space(a).n)) for a in env.agents}
        env.step(actions)
        steps += 1
        agent_steps += len(actions)
    return steps, agent_steps, time.perf_counter() - t0


def sumo_grid(net, rou, seed):
    os.environ["LIBSUMO_AS_TRACI"] = "1"
    import sumo_rl
    env = sumo_rl.parallel_env(net_file=net, route_file=rou, use_gui=False, num_seconds=HOUR, delta_time=DELTA,
                               yellow_time=2, min_green=5, sumo_seed=seed, sumo_warnings=False)
    result = random_parallel_episode(env, seed)
    env.close()
    return result


def ngatu_single(scenario, seed):
    import ngatu
    env = ngatu.SignalEnv(scenario, delta_time=DELTA, min_green=5, end_time=HOUR)
    env.reset(seed=seed)
    rng = np.random.default_rng(seed)
    steps, done = 0, False
    t0 = time.perf_counter()
    while not done:
        _, _, term, trunc, _ = env.step(int(rng.integers(env.action_space.n)))
        done = term or trunc
        steps += 1
    return steps, steps, time.perf_counter() - t0


def ngatu_parallel(scenario, seed):
    import ngatu
    env = ngatu.ParallelSignalEnv(scenario, delta_time=DELTA, min_green=5, end_time=HOUR)
    return random_parallel_episode(env, seed)


def ngatu_vector(scenario, seed, num_envs, threads):
    import ngatu
    env = ngatu.VectorSignalEnv(scenario, num_envs=num_envs, delta_time=DELTA, min_green=5, end_time=HOUR,
                                threads=threads, first_replication=seed + 1)
    env.reset()
    rng = np.random.default_rng(seed)
    n = len(env.agents)
    high = np.array([j.phase_count for j in env.junctions])
    steps = 0
    t0 = time.perf_counter()
    done = np.zeros(num_envs, dtype=bool)
    while not done.all():
        acts = (rng.random((num_envs, n)) * high).astype(np.int32)
        _, _, done = env.step(acts)
        steps += 1
    dt = time.perf_counter() - t0
    return steps * num_envs, steps * num_envs * n, dt


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nets", required=True, help="sumo_rl/nets folder")
    ap.add_argument("--imported", required=True, help="folder with the import-sumo scenarios")
    ap.add_argument("--out", default="results/bench")
    ap.add_argument("--num-envs", type=int, default=16)
    ap.add_argument("--repeat", type=int, default=2)
    a = ap.parse_args()
    single_net = os.path.join(a.nets, "single-intersection", "single-intersection.net.xml")
    single_rou = os.path.join(a.nets, "single-intersection", "single-intersection.rou.xml")
    grid_net = os.path.join(a.nets, "RESCO", "grid4x4", "grid4x4.net.xml")
    grid_rou = os.path.join(a.nets, "RESCO", "grid4x4", "grid4x4_1.rou.xml")
    single_scn = os.path.join(a.imported, "single-intersection.yaml")
    grid_scn = os.path.join(a.imported, "grid4x4.yaml")
    before = load_note()
    cases = [
        ("single intersection", "sumo-rl 1.4.5, libsumo, Gymnasium", lambda s: sumo_single(single_net, single_rou, s)),
        ("single intersection", "ngatu SignalEnv (Gymnasium)", lambda s: ngatu_single(single_scn, s)),
        ("single intersection", f"ngatu VectorSignalEnv, {a.num_envs} runs, 1 thread", lambda s: ngatu_vector(single_scn, s, a.num_envs, 1)),
        ("grid4x4 (16 agents)", "sumo-rl 1.4.5, libsumo, PettingZoo", lambda s: sumo_grid(grid_net, grid_rou, s)),
        ("grid4x4 (16 agents)", "ngatu ParallelSignalEnv (PettingZoo)", lambda s: ngatu_parallel(grid_scn, s)),
        ("grid4x4 (16 agents)", f"ngatu VectorSignalEnv, {a.num_envs} runs, 1 thread", lambda s: ngatu_vector(grid_scn, s, a.num_envs, 1)),
        ("grid4x4 (16 agents)", f"ngatu VectorSignalEnv, {a.num_envs} runs, {os.cpu_count()} threads", lambda s: ngatu_vector(grid_scn, s, a.num_envs, 0)),
    ]
    rows = []
    for net, engine, fn in cases:
        best = None
        for r in range(a.repeat):
            steps, agent_steps, dt = fn(r)
            if best is None or dt / steps < best[2] / best[0]:
                best = (steps, agent_steps, dt)
        steps, agent_steps, dt = best
        rows.append({"network": net, "engine": engine, "env_steps": steps, "agent_steps": agent_steps, "seconds": dt,
                     "env_steps_per_s": steps / dt, "agent_steps_per_s": agent_steps / dt})
        print(f"{net:22s} {engine:45s} {steps / dt:10.0f} env steps/s {agent_steps / dt:10.0f} agent steps/s", flush=True)
    after = load_note()
    base = {r["network"]: r for r in rows if r["engine"].startswith("sumo-rl")}
    lines = ["# sumo-rl against the ngatu Python package (`make compare-rl`)", "",
             f"Random actions, delta_time {DELTA} s, one simulated hour, min_green 5 s, best of {a.repeat} episodes per row "
             "(wall time of the stepping loop only, not the environment's creation). The ngatu networks are sumo-rl's "
             "files through `ngatu import-sumo` (the demand averaged per route over the hour; RESCO grid4x4's 97 trips "
             "that leave where they entered are not carried over). sumo-rl runs SUMO's microscopic model, "
             "ngatu its event-driven queue model: the speed of different models, not of one model's two implementations.", "",
             f"Measured on {platform.node()} ({platform.processor() or platform.machine()}), Python {platform.python_version()}: "
             f"before, {before}; after, {after}. " + (
                 "No other jobs ran on the machine (declared with IDLE=1): the load averages are this benchmark's own "
                 "build and runs." if os.environ.get("IDLE") == "1" else
                 "**The machine was shared with other jobs (load above): the figures are measured under load and are "
                 "lower bounds for an idle machine.**" if float(before.split()[2]) > 0.5 or float(after.split()[2]) > 0.5
                 else ""), "",
             "| network | engine | env steps | env steps/s | agent steps/s | × sumo-rl (env steps/s) |",
             "| --- | --- | ---: | ---: | ---: | ---: |"]
    for r in rows:
        ratio = r["env_steps_per_s"] / base[r["network"]]["env_steps_per_s"]
        lines.append(f"| {r['network']} | {r['engine']} | {r['env_steps']} | {r['env_steps_per_s']:,.0f} | "
                     f"{r['agent_steps_per_s']:,.0f} | {ratio:,.1f} |")
    lines.append("")
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "compare-rl.md"), "w") as f:
        f.write("\n".join(lines))
    with open(os.path.join(a.out, "compare-rl.json"), "w") as f:
        json.dump({"load_before": before, "load_after": after, "rows": rows}, f, indent=1)
    print("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
