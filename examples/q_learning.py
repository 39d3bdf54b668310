"""Tabular Q-learning (numpy only) on one signalised junction, then evaluated against the
scenario's built-in strategies with `run_scenario` (same seeds, intervals in comparison.csv).

    .venv/bin/python examples/q_learning.py [--scenario S] [--episodes N] [--out DIR]

State: the phase (or -1), whether the minimum green is over, and per phase the PCU queued on
its movements in 4 levels (0, <3, <8, 8+). Action: the next green phase every `delta_time`.
Reward: the fall in the queued vehicles' waiting time (sumo-rl's default). Training episodes
are replications far from the evaluation's (seeds 1000+), so the evaluation runs are unseen.
Writes DIR/learning-curve.csv, DIR/learning-curve.png (with Pillow, when installed) and the
evaluation's results directory DIR/evaluation (report.html).
"""
import argparse
import csv
import os
import time

import numpy as np

import ngatu

LEVELS = np.array([0.5, 3.0, 8.0])   # queue level edges (PCU)


def state_of(phase, can_switch, queued_pcu, junction):
    """Index of the discretised state."""
    levels = [int(np.searchsorted(LEVELS, queued_pcu[ms].sum(), side="right")) for ms in junction.phases]
    s = (phase + 1) * 2 + int(can_switch)
    for lv in levels:
        s = s * 4 + lv
    return s


def n_states(junction):
    return (junction.phase_count + 1) * 2 * 4 ** junction.phase_count


def train(scenario, episodes, delta_time, alpha=0.1, gamma=0.95, eps0=1.0, eps_min=0.05, seed=0):
    env = ngatu.SignalEnv(scenario, delta_time=delta_time)
    j = env.junction
    q = np.zeros((n_states(j), j.phase_count))
    rng = np.random.default_rng(seed)
    curve = []
    for ep in range(episodes):
        env.reset(seed=1000 + ep)
        eps = max(eps_min, eps0 * (1 - ep / (0.7 * episodes)))

        def current():
            o = env.sim.observe(0)
            return state_of(o.phase, o.can_switch, o.queued_pcu, j)

        s = current()
        done, total = False, 0.0
        while not done:
            a = int(rng.integers(j.phase_count)) if rng.random() < eps else int(np.argmax(q[s]))
            _, r, term, trunc, _ = env.step(a)
            s2 = current()
            q[s, a] += alpha * (r + gamma * q[s2].max() * (not term) - q[s, a])
            s, total, done = s2, total + r, term or trunc
        res = env.sim.close()
        curve.append((ep + 1, eps, total, res["mean_delay_s"]))
        print(f"episode {ep + 1:3d}  epsilon {eps:.2f}  return {total:9.1f}  mean delay {res['mean_delay_s']:.1f} s", flush=True)
    return q, j, curve


def greedy_policy(q, delta_time):
    def policy(obs, junction):
        s = state_of(obs.phase, obs.can_switch, obs.queued_pcu, junction)
        a = int(np.argmax(q[s]))
        return ngatu.Hold(obs.time + delta_time) if a == obs.phase else a
    return policy


def plot(curve, path, references=None):
    try:
        from PIL import Image, ImageDraw
    except ImportError:
        print("learning curve: Pillow not installed, PNG skipped")
        return
    w, h, m = 760, 420, 50
    img = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(img)
    ys = [c[3] for c in curve]
    references = references or {}
    lo, hi = 0.0, max(ys + list(references.values())) * 1.1
    def xy(i, y):
        return m + (w - 2 * m) * i / max(1, len(ys) - 1), h - m - (h - 2 * m) * (y - lo) / (hi - lo)
    d.line([(m, h - m), (w - m, h - m)], fill="black")
    d.line([(m, m), (m, h - m)], fill="black")
    for k in range(5):
        y = lo + (hi - lo) * k / 4
        d.text((4, xy(0, y)[1] - 6), f"{y:.0f} s", fill="black")
    colours = [(214, 39, 40), (44, 160, 44), (148, 103, 189), (127, 127, 127), (255, 127, 14)]
    for k, (name, y) in enumerate(sorted(references.items())):
        c = colours[k % len(colours)]
        (x0, yy), (x1, _) = xy(0, y), xy(len(ys) - 1, y)
        for x in range(int(x0), int(x1), 12):
            d.line([(x, yy), (min(x + 6, x1), yy)], fill=c, width=1)
        ly = m + 14 * k
        d.line([(w - m - 190, ly + 6), (w - m - 170, ly + 6)], fill=c, width=2)
        d.text((w - m - 165, ly), f"{name} (evaluation): {y:.1f} s", fill=c)
    d.line([xy(i, y) for i, y in enumerate(ys)], fill=(31, 119, 180), width=2)
    d.text((m, 10), "Q-learning: mean delay per training episode (each a new replication); dashed: evaluation means, 10 replications", fill="black")
    d.text((w // 2 - 30, h - m + 15), "episode", fill="black")
    d.text((w - m - 20, h - m + 5), str(len(ys)), fill="black")
    img.save(path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scenario", default="scenarios/isolated-junction.yaml")
    ap.add_argument("--episodes", type=int, default=60)
    ap.add_argument("--delta-time", type=float, default=5.0)
    ap.add_argument("--out", default="results/q-learning")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    t0 = time.perf_counter()
    q, j, curve = train(a.scenario, a.episodes, a.delta_time)
    print(f"trained {a.episodes} episodes in {time.perf_counter() - t0:.0f} s")
    with open(os.path.join(a.out, "learning-curve.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["episode", "epsilon", "return", "mean_delay_s"])
        w.writerows(curve)
    np.save(os.path.join(a.out, "q-table.npy"), q)
    ngatu.run_scenario(a.scenario, policies={"q-learning": greedy_policy(q, a.delta_time)},
                       out=os.path.join(a.out, "evaluation"))
    with open(os.path.join(a.out, "evaluation", "comparison.csv")) as f:
        rows = [r for r in csv.DictReader(f) if r["measure"] == "mean_delay_s"]
    plot(curve, os.path.join(a.out, "learning-curve.png"), {r["strategy"]: float(r["mean"]) for r in rows})
    for r in rows:
        print({k: r[k] for k in r if k in ("strategy", "n", "mean", "ci95_low", "ci95_high", "diff_vs_baseline", "diff_ci95_low", "diff_ci95_high", "p_value")})


if __name__ == "__main__":
    main()
