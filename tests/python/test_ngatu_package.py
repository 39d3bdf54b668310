"""The Python package `ngatu` (python/) over the C interface, run by `make test` in the
project's virtual environment (.venv: numpy, gymnasium, pettingzoo) against the debug
libNgaTuC that `make test` has just built."""
import csv
import os

import numpy as np
import pytest

ngatu = pytest.importorskip("ngatu")

HERE = os.path.dirname(os.path.abspath(__file__))
GRID = os.path.join(HERE, "fixtures", "grid-2x2-scenario.yaml")


def random_episode(seed, steps=None, dt=5.0):
    """Random phase requests every `dt` s; returns every observation and the run's measures."""
    sim = ngatu.Simulation(GRID)
    rng = np.random.default_rng(seed)
    trace = []
    n = 0
    while not sim.done and (steps is None or n < steps):
        sim.set_phases(rng.integers(0, 2, size=len(sim.junctions)))
        sim.step(dt)
        states, rows = sim.observe_all()
        trace.append(np.concatenate([states.ravel()] + [r.ravel() for r in rows]))
        n += 1
    return np.array(trace), sim.close()


def test_simulation_basics():
    sim = ngatu.Simulation(GRID)
    assert sim.junction_ids == ["j00", "j01", "j10", "j11"]
    j = sim.junctions[0]
    assert j.phase_count == 2 and j.phase_mask.shape == (2, j.movement_count)
    assert list(j.intergreen) == [5.0, 5.0]
    assert sim.duration == 1200
    sim.step(30)
    o = sim.observe("j00")
    assert o.time == 30 and o.phase in (0, 1) and o.movements.shape == (j.movement_count, len(ngatu.FIELDS))
    assert o.queued_pcu.shape == (j.movement_count,)
    with pytest.raises(ngatu.NgatuError) as e:
        sim.set_phase(0, 5)
    assert e.value.status == 2 and "phases 0 to 1" in str(e.value)
    with pytest.raises(ngatu.NgatuError):
        ngatu.Simulation(GRID, strategy="nope")
    r = sim.close()
    assert r["vehicles_finished"] > 200 and r["mean_delay_s"] > 0
    with pytest.raises(ngatu.NgatuError) as e:
        sim.step(1)
    assert e.value.status == 3


def test_same_seed_and_actions_same_observations():
    a, ra = random_episode(1)
    b, rb = random_episode(1)
    c, _ = random_episode(2)
    assert np.array_equal(a, b) and ra == rb
    assert not np.array_equal(a, c)


def test_two_simulations_in_one_process_do_not_interfere():
    alone, ralone = random_episode(5)
    # Interleaved with another run of another strategy stepped at other times.
    other = ngatu.Simulation(GRID, strategy="max-pressure", external=[], replication=2)
    sim = ngatu.Simulation(GRID)
    rng = np.random.default_rng(5)
    trace = []
    while not sim.done:
        sim.set_phases(rng.integers(0, 2, size=4))
        sim.step(5)
        other.step(3.3)
        states, rows = sim.observe_all()
        trace.append(np.concatenate([states.ravel()] + [r.ravel() for r in rows]))
    assert np.array_equal(np.array(trace), alone) and sim.close() == ralone
    other.close()


def test_external_controller_cannot_shorten_min_green_or_skip_yellow():
    """Property: whatever is requested and whenever, greens last at least min_green and every
    change goes through the plan's 3 s yellow and 2 s all-red (observed every 0.5 s)."""
    for seed in range(6):
        rng = np.random.default_rng(seed)
        min_green = [5.0, 7.0, 15.0][seed % 3]
        sim = ngatu.Simulation(GRID, min_green=min_green)
        last = {}
        while sim.time < 600:
            if rng.random() < 0.5:
                sim.set_phases(rng.integers(0, 2, size=4))
            sim.step(0.5)
            states, _ = sim.observe_all()
            for k, s in enumerate(states):
                stage, phase, elapsed = int(s[2]), int(s[1]), s[3]
                prev = last.get(k)
                if prev and prev[0] == 0 and stage != 0:
                    # the green that just ended lasted at least min_green
                    assert stage == 1, f"seed {seed}: green ended without yellow"
                    assert prev[2] + 0.5 >= min_green - 1e-6
                if prev and prev[0] == 1 and stage == 0:
                    pytest.fail(f"seed {seed}: yellow straight to green")
                if prev and stage == 0 and prev[0] != 0:
                    assert elapsed <= 0.5 + 1e-9 and phase != prev[1] or prev[0] == 3
                if stage == 0 and s[5] == 0:
                    assert elapsed < min_green + 1e-6
                last[k] = (stage, phase, elapsed)
        sim.close()


def test_gymnasium_check_env():
    from gymnasium.utils.env_checker import check_env
    env = ngatu.SignalEnv(GRID, junction="j01", end_time=300)
    check_env(env, skip_render_check=True)
    obs, _ = env.reset(seed=3)
    assert obs.shape == (2 + 1 + 2 * env.junction.movement_count,)
    total, steps, done = 0.0, 0, False
    while not done:
        obs, r, term, trunc, _ = env.step(env.action_space.sample())
        total += r
        steps += 1
        done = term or trunc
    assert steps == 60 and env.sim.time == 300


def test_pettingzoo_parallel_api():
    from pettingzoo.test import parallel_api_test
    env = ngatu.ParallelSignalEnv(GRID, end_time=200, reward="queue")
    parallel_api_test(env, num_cycles=50)
    obs, _ = env.reset(seed=0)
    assert sorted(obs) == ["j00", "j01", "j10", "j11"]


def test_rewards():
    for reward in ("diff-waiting-time", "queue", "pressure"):
        env = ngatu.ParallelSignalEnv(GRID, reward=reward, end_time=120)
        env.reset(seed=1)
        rewards = []
        while env.agents:
            _, r, _, _, _ = env.step({a: 0 for a in env.agents})
            rewards.append(sum(r.values()))
        assert any(x != 0 for x in rewards), reward
    with pytest.raises(ValueError):
        ngatu.SignalEnv(GRID, reward="nope")


@pytest.mark.parametrize("reward", ["queue", "diff-waiting-time"])
def test_vector_env_is_the_single_env_in_lockstep(reward):
    """Observations and rewards of the vectorised form equal those of one ParallelSignalEnv per
    run, also across the reset of every run to its next replication (i + 1, then i + 4)."""
    vec = ngatu.VectorSignalEnv(GRID, num_envs=3, end_time=100, threads=2, reward=reward)
    first = vec.reset()
    assert first.shape == (3, 4, vec.obs_size)
    singles = [ngatu.ParallelSignalEnv(GRID, end_time=100, reward=reward) for _ in range(3)]
    for i, e in enumerate(singles):
        obs, _ = e.reset(seed=i)   # replication i + 1, as run i of the vector
        assert np.array_equal(np.stack([obs[a] for a in e.possible_agents]), first[i])
    rng = np.random.default_rng(0)
    for step in range(26):
        acts = rng.integers(0, 2, size=(3, 4))
        obs, rew, done = vec.step(acts)
        for i, e in enumerate(singles):
            o, r, _, _, _ = e.step({a: acts[i, k] for k, a in enumerate(e.possible_agents)})
            if done[i]:
                o, _ = e.reset(seed=i + 3)   # the vector's next replication for run i
            assert np.array_equal(np.stack([o[a] for a in e.possible_agents]), obs[i])
            assert np.allclose([r[a] for a in e.possible_agents], rew[i], atol=1e-9)
        assert done.all() == (step == 19)
    assert len(vec.episode_results) == 3


def test_python_max_pressure_reproduces_the_built_in(tmp_path):
    """A Python max-pressure through run_scenario gives the built-in max-pressure's runs.csv
    rows (every column but the strategy name), on the same seeds."""
    out = tmp_path / "out"
    ngatu.run_scenario(GRID, policies={"py-max-pressure": ngatu.max_pressure}, out=out)
    with open(out / "runs.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    built = [{k: v for k, v in r.items() if k != "strategy"} for r in rows if r["strategy"] == "max-pressure"]
    ours = [{k: v for k, v in r.items() if k != "strategy"} for r in rows if r["strategy"] == "py-max-pressure"]
    assert len(built) == 2 and built == ours
    assert {r["strategy"] for r in rows} == {"fixed", "max-pressure", "py-max-pressure"}
    assert (out / "report.html").stat().st_size > 10_000
    assert "py-max-pressure" in (out / "comparison.csv").read_text()


def test_policy_errors_are_raised(tmp_path):
    def broken(obs, junction):
        raise KeyError("boom")
    with pytest.raises(KeyError):
        ngatu.run_scenario(GRID, policies={"broken": broken}, out=tmp_path / "x", replications=1)
    assert not (tmp_path / "x").exists()
    with pytest.raises(ngatu.NgatuError) as e:
        ngatu.run_scenario(GRID, policies={"fixed": ngatu.max_pressure}, out=tmp_path / "y")
    assert "already a strategy" in str(e.value)


def test_examples_run(tmp_path):
    """The README's examples stay alive: Q-learning (2 short episodes) and max-pressure in Python."""
    import subprocess
    import sys
    root = os.path.dirname(os.path.dirname(HERE))
    env = dict(os.environ, PYTHONPATH=os.path.join(root, "python"))
    q = subprocess.run([sys.executable, os.path.join(root, "examples", "q_learning.py"), "--scenario", GRID,
                        "--episodes", "2", "--out", str(tmp_path / "q")], capture_output=True, text=True, env=env)
    assert q.returncode == 0, q.stderr
    assert "episode   2" in q.stdout and "'strategy': 'q-learning'" in q.stdout
    with open(tmp_path / "q" / "learning-curve.csv") as f:
        assert len(f.read().splitlines()) == 3
    m = subprocess.run([sys.executable, os.path.join(root, "examples", "python_max_pressure.py"), GRID, str(tmp_path / "m")],
                       capture_output=True, text=True, env=env)
    assert m.returncode == 0, m.stderr
    assert "py-max-pressure" in m.stdout


def test_vectorised_encoder_equals_the_per_junction_definitions():
    """`Encoder` (numpy over all junctions) gives `encode` and `Reward` junction by junction."""
    from ngatu.observation import Encoder, Reward, encode
    for kind in Reward.NAMES:
        sim = ngatu.Simulation(GRID)
        enc = Encoder(sim.junctions, kind)
        per = [Reward(kind) for _ in sim.junctions]
        out = np.zeros((4, enc.width), dtype=np.float32)
        rng = np.random.default_rng(4)
        states, rows = sim.observe_rows()
        enc.reset(states, rows)
        for k, j in enumerate(sim.junctions):
            per[k].reset(j, states[k], rows[enc.row_start[k]:enc.row_start[k + 1]])
        for _ in range(60):
            sim.set_phases(rng.integers(0, 2, size=4))
            sim.step(5)
            states, rows = sim.observe_rows()
            r = enc.rewards(states, rows)
            enc.observe(states, rows, out)
            for k, j in enumerate(sim.junctions):
                mine = rows[enc.row_start[k]:enc.row_start[k + 1]]
                assert np.array_equal(out[k], encode(j, states[k], mine))
                assert abs(r[k] - per[k](j, states[k], mine)) < 1e-9


@pytest.mark.parametrize("kind", ["diff-waiting-time", "queue", "pressure"])
def test_library_encoding_equals_the_numpy_encoder(kind):
    """The environments' observations and named rewards, computed in the library
    (ngatu_sims_step_encoded), are `Encoder`'s over the observation rows, number for number."""
    from ngatu.observation import Encoder
    env = ngatu.ParallelSignalEnv(GRID, reward=kind, end_time=300)
    sim = ngatu.Simulation(GRID)
    enc = Encoder(sim.junctions, kind)
    out = np.zeros((4, enc.width), dtype=np.float32)
    obs, _ = env.reset(seed=0)
    states, rows = sim.observe_rows()
    enc.reset(states, rows)
    enc.observe(states, rows, out)
    assert np.array_equal(np.stack([obs[a] for a in env.possible_agents]), out)
    rng = np.random.default_rng(7)
    steps = 0
    while env.agents:
        acts = rng.integers(0, 2, size=4)
        o, r, _, trunc, _ = env.step(dict(zip(env.possible_agents, acts)))
        sim.set_phases(acts)
        sim.advance_to(min(300, sim.time + 5))
        states, rows = sim.observe_rows()
        expected = enc.rewards(states, rows)
        enc.observe(states, rows, out)
        assert np.array_equal(np.stack([o[a] for a in env.possible_agents]), out)
        assert [r[a] for a in env.possible_agents] == expected.tolist()
        assert all(v is (steps == 59) for v in trunc.values())
        steps += 1
    assert steps == 60


def test_a_phase_the_junction_lacks_is_refused_and_nothing_moves():
    env = ngatu.ParallelSignalEnv(GRID, end_time=100)
    env.reset(seed=0)
    env.step({a: 0 for a in env.agents})
    with pytest.raises(ValueError, match="phases 0 to 1, not 2"):
        env.step({"j00": 0, "j01": 2, "j10": 0, "j11": 0})
    with pytest.raises(ValueError):
        env.step({"j00": -1, "j01": 0, "j10": 0, "j11": 0})
    assert env.sim.time == 5
    obs, _, _, _, _ = env.step({"j00": 1})   # the others keep their requests
    assert env.sim.time == 10 and sorted(obs) == ["j00", "j01", "j10", "j11"]


def test_run_scenario_policies_see_the_queues_waiting_time(tmp_path):
    """A Python policy's observation carries queue_wait_s as the stepping API's does: zero
    where nothing queues, positive where vehicles wait, never more than queued vehicles ×
    the time since the run began."""
    seen = []

    def fixed_cycle(obs, junction):
        seen.append((obs.time, obs.queued_vehicles.copy(), obs.queue_wait_s.copy()))
        if obs.phase < 0:
            return 0
        if obs.time < obs.earliest_switch:
            return ngatu.Hold(obs.earliest_switch)
        return ngatu.Hold(obs.time + 20) if obs.green_elapsed < 20 else (obs.phase + 1) % junction.phase_count

    ngatu.run_scenario(GRID, policies={"py-cycle": fixed_cycle}, out=tmp_path / "out", replications=1)
    assert len(seen) > 100
    waits = np.concatenate([w for _, _, w in seen])
    assert np.isfinite(waits).all() and (waits >= 0).all() and (waits > 0).sum() > 50
    for t, queued, wait in seen:
        assert (wait[queued == 0] == 0).all()
        assert (wait <= queued * t + 1e-9).all()
