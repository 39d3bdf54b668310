"""scripts/slurm: run-array.sh submits an array of N shard tasks and a merge job after it
(afterok), passes the user's sbatch options to both and prints the job ids; ngatu-shard.sbatch
maps task i to shard i+1/N with --resume and keeps a finished shard. A stand-in sbatch and
ngatu record what they were given (the real cluster: make test-slurm)."""
import os
import stat
import subprocess

SCRIPTS = ("scripts", "slurm")


def stub(path, body):
    path.write_text("#!/usr/bin/env bash\n" + body)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


def setup(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "calls.log"
    # sbatch prints job ids 1001, 1002, ... (with a cluster suffix, as --parsable may).
    stub(bin_dir / "sbatch", f"""
n=$(( $(wc -l < "{log}.ids" 2>/dev/null || echo 0) + 1001 ))
echo "$n" >> "{log}.ids"
echo "sbatch $*" >> "{log}"
echo "$n;local"
""")
    stub(tmp_path / "ngatu", f'echo "ngatu $*" >> "{log}"\n')
    (tmp_path / "s.yaml").write_text("scenario: s\n")
    env = dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}", NGATU=str(tmp_path / "ngatu"))
    return env, log


def test_array_and_merge_are_submitted_with_the_users_options(root, tmp_path):
    env, log = setup(tmp_path)
    script = os.path.join(root, *SCRIPTS, "run-array.sh")
    p = subprocess.run(["bash", script, "s.yaml", "4", "out", "--partition=short", "--time=10"],
                       cwd=tmp_path, env=env, capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert "array job 1001: 4 tasks" in p.stdout
    assert "merge job 1002: after every task succeeds" in p.stdout
    assert "scancel 1002" in p.stdout
    calls = log.read_text().splitlines()
    assert calls[0] == f"ngatu validate {tmp_path}/s.yaml"
    array, merge = calls[1], calls[2]
    assert "--array=0-3" in array and "--partition=short --time=10" in array
    assert array.endswith(f"ngatu-shard.sbatch {tmp_path}/s.yaml 4 {tmp_path}/out.shards {tmp_path}/ngatu")
    assert "--dependency=afterok:1001" in merge and "--partition=short --time=10" in merge
    assert merge.endswith(f"ngatu-merge.sbatch {tmp_path}/out {tmp_path}/out.shards 4 {tmp_path}/ngatu")
    assert (tmp_path / "out.shards" / "logs").is_dir()


def test_bad_arguments_submit_nothing(root, tmp_path):
    env, log = setup(tmp_path)
    script = os.path.join(root, *SCRIPTS, "run-array.sh")
    for args, code in [(["s.yaml", "0", "out"], 2), (["s.yaml", "x", "out"], 2),
                       (["s.yaml", "2"], 2), (["missing.yaml", "2", "out"], 1)]:
        p = subprocess.run(["bash", script] + args, cwd=tmp_path, env=env, capture_output=True, text=True)
        assert p.returncode == code, (args, p.stderr)
    assert not log.exists()


def test_task_runs_its_shard_with_resume_and_keeps_a_finished_one(root, tmp_path):
    env, log = setup(tmp_path)
    script = os.path.join(root, *SCRIPTS, "ngatu-shard.sbatch")
    env = dict(env, SLURM_ARRAY_TASK_ID="2", SLURM_CPUS_PER_TASK="3")
    args = ["bash", script, "s.yaml", "4", str(tmp_path / "sh"), str(tmp_path / "ngatu")]
    p = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert log.read_text().splitlines() == [
        f"ngatu run s.yaml --shard 3/4 --out {tmp_path}/sh/shard-3-of-4 --jobs 3 --resume --quiet"]
    (tmp_path / "sh" / "shard-3-of-4").mkdir(parents=True)
    (tmp_path / "sh" / "shard-3-of-4" / "results.sqlite").write_text("")
    p = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert p.returncode == 0 and "already done" in p.stdout
    assert len(log.read_text().splitlines()) == 1


def test_merge_job_names_every_shard(root, tmp_path):
    env, log = setup(tmp_path)
    script = os.path.join(root, *SCRIPTS, "ngatu-merge.sbatch")
    p = subprocess.run(["bash", script, "out", "sh", "3", str(tmp_path / "ngatu")],
                       cwd=tmp_path, env=env, capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert log.read_text().splitlines() == ["ngatu merge out sh/shard-1-of-3 sh/shard-2-of-3 sh/shard-3-of-3"]
