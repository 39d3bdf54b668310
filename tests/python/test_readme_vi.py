"""README.vi.md (the Vietnamese quick start) stays in step with README.md: every command it
shows is one README.md documents, every file it names exists, and the YAML it shows is the
map's and the scenario's syntax as shipped."""
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def read(name):
    with open(os.path.join(ROOT, name), encoding="utf-8") as f:
        return f.read()


def test_commands_are_documented_in_the_english_readme():
    vi, en = read("README.vi.md"), read("README.md")
    commands = set(re.findall(r"ngatu (run|validate|report|import-osm|export-sumo|calibrate)\b", vi))
    assert {"run", "validate", "report"} <= commands
    for c in commands:
        assert re.search(r"ngatu %s\b" % c, en), c
    for target in re.findall(r"^make (\w+)", vi, re.M):
        assert re.search(r"^%s:" % target, read("Makefile"), re.M), target


def test_files_it_names_exist():
    vi = read("README.vi.md")
    # (Not the made-up file of the error-message example, `scenarios/x.yaml:12:5: ...`.)
    for path in set(re.findall(r"((?:maps|scenarios)/[\w.-]+\.yaml)(?!:)", vi)):
        assert os.path.exists(os.path.join(ROOT, path)), path


def test_the_plan_it_shows_is_the_maps():
    vi, nk = read("README.vi.md"), read("maps/ninh-kieu.yaml")
    block = re.search(r"```yaml\n(   j6-30-4-hoa-binh:.*?)```", vi, re.S)
    assert block, "the example plan of j6"
    for line in block.group(1).splitlines():
        line = line.strip()
        if line.startswith(("cycle:", "yellow:", "all_red:", "green:", "allow:", "- name:")):
            assert line in nk, line
