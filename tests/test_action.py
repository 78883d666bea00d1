"""The GitHub Action in action.yml: its metadata, and its steps run with bash as a runner would.

A runner gives a composite action's inputs to its steps by evaluating the ``${{ }}``
expressions of their ``env:``, sets ``GITHUB_ACTION_PATH`` (a checkout of the action),
``RUNNER_TEMP`` and ``GITHUB_OUTPUT``, and runs each ``run:`` script with
``bash --noprofile --norc -eo pipefail`` in the workspace, stopping at the first step that
fails. The harness below does the same on a sample tree, with the Python running the tests
as the runner's ``python3``. The first run installs the action from a copy of this checkout
(pip needs the package index, as CI has); later runs reuse that environment, as a job does.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest
import yaml
from checkout import ROOT, clean_environment, copy_checkout

import migrator

ACTION = yaml.safe_load((ROOT / "action.yml").read_text())
DATA = Path(__file__).parent / "data"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")

LEGACY = """import anthropic

client = anthropic.Anthropic()
response = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=100,
    prompt=f"{anthropic.HUMAN_PROMPT} Hello{anthropic.AI_PROMPT}",
)
print(response.completion)
"""


# --- the metadata ------------------------------------------------------------------------------


def test_action_yml_is_valid_action_metadata():
    schema = json.loads((DATA / "github-action.json").read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    errors = [error.message for error in jsonschema.Draft7Validator(schema).iter_errors(ACTION)]
    assert errors == []
    assert ACTION["runs"]["using"] == "composite"


def test_the_schema_catches_what_github_rejects():
    schema = json.loads((DATA / "github-action.json").read_text())
    validator = jsonschema.Draft7Validator(schema)
    unnamed = {key: value for key, value in ACTION.items() if key != "name"}
    step_without_shell = {**ACTION["runs"]["steps"][0]}
    del step_without_shell["shell"]
    no_shell = {**ACTION, "runs": {"using": "composite", "steps": [step_without_shell]}}
    assert not validator.is_valid(unnamed)
    assert not validator.is_valid(no_shell)


def test_inputs_reach_the_scripts_only_through_env():
    """An expression inside ``run:`` is pasted into the script before bash reads it: an input
    holding ``$(...)`` would run. Through ``env:`` it stays a string."""
    steps = ACTION["runs"]["steps"]
    assert [step for step in steps if "${{" in step["run"]] == []
    assert {step["shell"] for step in steps} == {"bash"}
    # What the harness runs is all there is: no `uses:` or `if:` it would skip.
    assert [set(step) - {"name", "id", "shell", "run", "env"} for step in steps] == [set()] * len(
        steps
    )
    used = {
        match
        for step in steps
        for value in step.get("env", {}).values()
        for match in re.findall(r"\binputs\.([\w-]+)", value)
    }
    assert used == set(ACTION["inputs"]), "every input is used, and only through env"


# --- the steps, run ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    id: str
    returncode: int
    stdout: str
    stderr: str
    outputs: dict[str, str]


@dataclass(frozen=True)
class Runner:
    """What stays from one run of the action to the next in a job: the action and RUNNER_TEMP."""

    action_path: Path
    temp: Path
    bin: Path  # where `python3` is found


@pytest.fixture(scope="session")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Runner:
    action_path = copy_checkout(tmp_path_factory.mktemp("_actions") / "migrator")
    bin = tmp_path_factory.mktemp("runner-bin")
    (bin / "python3").symlink_to(getattr(sys, "_base_executable", sys.executable))
    return Runner(action_path, tmp_path_factory.mktemp("runner-temp"), bin)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "legacy.py").write_text(LEGACY)
    (tmp_path / "src" / "clean.py").write_text("print('nothing to see')\n")
    return tmp_path


def _outputs(text: str) -> dict[str, str]:
    """``name=value`` lines and ``name<<DELIMITER`` blocks, as GitHub reads GITHUB_OUTPUT."""
    outputs, lines = {}, iter(text.splitlines())
    for line in lines:
        if "<<" in line and "=" not in line.partition("<<")[0]:
            name, _, delimiter = line.partition("<<")
            outputs[name] = "\n".join(iter(lambda: next(lines), delimiter))
        elif line:
            name, _, value = line.partition("=")
            outputs[name] = value
    return outputs


def _evaluate(value: str, inputs: dict[str, str], steps: dict[str, Step]) -> str:
    def one(match: re.Match[str]) -> str:
        expression = match.group(1)
        if found := re.fullmatch(r"inputs\.([\w-]+)", expression):
            return inputs[found.group(1)]
        if found := re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression):
            step = steps.get(found.group(1))
            return "" if step is None else step.outputs.get(found.group(2), "")
        raise AssertionError(f"the harness does not evaluate {match.group(0)}")

    return EXPRESSION.sub(one, str(value))


def run_action(
    runner: Runner, workspace: Path, /, *, runner_os: str = "Linux", **given: str
) -> dict[str, Step]:
    """The action's steps, with ``given`` as the workflow's ``with:``; the steps that ran."""
    assert set(given) <= set(ACTION["inputs"]), "GitHub warns of an unknown input"
    inputs = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    inputs.update(given)
    ran: dict[str, Step] = {}
    for step in ACTION["runs"]["steps"]:
        output = runner.temp / f"output-{step['id']}"
        output.write_text("")
        script = runner.temp / f"step-{step['id']}.sh"
        script.write_text(step["run"])
        environment = clean_environment(
            GITHUB_ACTION_PATH=str(runner.action_path),
            GITHUB_OUTPUT=str(output),
            GITHUB_WORKSPACE=str(workspace),
            RUNNER_TEMP=str(runner.temp),
            RUNNER_OS=runner_os,
            **{name: _evaluate(value, inputs, ran) for name, value in step.get("env", {}).items()},
        )
        environment["PATH"] = f"{runner.bin}:{environment['PATH']}"
        completed = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=workspace,
            env=environment,
            capture_output=True,
            text=True,
            timeout=900,
        )
        ran[step["id"]] = Step(
            step["id"],
            completed.returncode,
            completed.stdout,
            completed.stderr,
            _outputs(output.read_text()),
        )
        if completed.returncode != 0:
            break
    return ran


def _annotations(stdout: str) -> list[tuple[str, str, str]]:
    """(level, file, title) of each workflow command."""
    return re.findall(r"^::(warning|error) file=([^,]+),.*?title=([^:]+)::", stdout, re.MULTILINE)


def test_annotations_on_the_legacy_calls_by_default(runner: Runner, workspace: Path):
    steps = run_action(runner, workspace, paths="src")
    install, check = steps["install"], steps["check"]
    assert install.returncode == 0, install.stderr
    assert install.stdout.strip().splitlines()[-1] == f"migrator {migrator.__version__}"
    assert check.returncode == 1, check.stderr
    annotations = _annotations(check.stdout)
    assert {file for _, file, _ in annotations} == {"src/legacy.py"}
    assert ("warning", "src/legacy.py", "TCM001 completions_create (safe)") in annotations
    assert not (workspace / ".migrator_cache").exists(), "the workspace is left as it was"


def test_the_environment_is_installed_once_per_job(runner: Runner, workspace: Path):
    first = run_action(runner, workspace, paths="src/clean.py")
    command = Path(first["install"].outputs["migrator"])
    assert first["check"].returncode == 0, first["check"].stderr
    installed_at = command.stat().st_mtime_ns
    second = run_action(runner, workspace, paths="src/clean.py")
    assert second["install"].outputs["migrator"] == str(command)
    assert command.stat().st_mtime_ns == installed_at
    assert command.is_relative_to(runner.temp)


def test_sarif_is_written_to_the_file_for_code_scanning(runner: Runner, workspace: Path):
    steps = run_action(
        runner,
        workspace,
        format="sarif",
        **{"sarif-file": "out/migrator.sarif", "exit-zero": "true"},
    )
    check = steps["check"]
    assert check.returncode == 0, check.stderr
    assert check.outputs == {"sarif-file": "out/migrator.sarif"}
    assert "SARIF log written to out/migrator.sarif" in check.stdout
    log = json.loads((workspace / "out" / "migrator.sarif").read_text())
    jsonschema.validate(log, json.loads((DATA / "sarif-schema-2.1.0.json").read_text()))
    located = {
        (location["physicalLocation"]["artifactLocation"]["uri"], result["ruleId"])
        for result in log["runs"][0]["results"]
        for location in result["locations"]
    }
    assert ("src/legacy.py", "TCM001") in located
    assert {uri for uri, _ in located} == {"src/legacy.py"}


def test_sarif_without_exit_zero_still_writes_the_log_and_fails(runner: Runner, workspace: Path):
    check = run_action(runner, workspace, format="sarif")["check"]
    assert check.returncode == 1
    assert json.loads((workspace / "migrator.sarif").read_text())["runs"][0]["results"]


def test_a_baseline_fails_only_on_new_legacy_calls(runner: Runner, workspace: Path):
    migrator_command = run_action(runner, workspace, paths="src/clean.py")["install"].outputs[
        "migrator"
    ]
    recorded = subprocess.run(
        [migrator_command, "check", "--write-baseline", ".migrator-baseline.json", "src"],
        cwd=workspace,
        capture_output=True,
        text=True,
        env=clean_environment(),
    )
    assert recorded.returncode == 0, recorded.stderr
    held = run_action(runner, workspace, paths="src", baseline=".migrator-baseline.json")
    assert held["check"].returncode == 0 and _annotations(held["check"].stdout) == []
    (workspace / "src" / "new.py").write_text(LEGACY)
    new = run_action(runner, workspace, paths="src", baseline=".migrator-baseline.json")
    assert new["check"].returncode == 1
    assert {file for _, file, _ in _annotations(new["check"].stdout)} == {"src/new.py"}


def test_extra_arguments_exit_zero_and_paths_on_several_lines(runner: Runner, workspace: Path):
    (workspace / "tests").mkdir()
    (workspace / "tests" / "old.py").write_text(LEGACY)
    (workspace / "elsewhere.py").write_text(LEGACY)
    steps = run_action(
        runner,
        workspace,
        paths="src\ntests/old.py\n",
        args="--ignore TCM006  --ignore TCM010",
        **{"exit-zero": "true"},
    )
    check = steps["check"]
    assert check.returncode == 0, check.stderr
    annotations = _annotations(check.stdout)
    assert {file for _, file, _ in annotations} == {"src/legacy.py", "tests/old.py"}
    assert {title.split()[0] for _, _, title in annotations} == {
        "TCM001",
        "TCM002",
        "TCM005",
        "TCM009",
    }


@pytest.mark.parametrize(
    "given",
    [{"format": "text"}, {"exit-zero": "yes"}, {"format": "sarif", "sarif-file": ""}],
    ids=["format", "exit-zero", "sarif-file"],
)
def test_a_bad_input_is_an_error_annotation(runner: Runner, workspace: Path, given: dict[str, str]):
    check = run_action(runner, workspace, **given)["check"]
    assert check.returncode == 2
    assert check.stdout.startswith("::error title=migrator::")


def test_an_input_is_never_run_as_shell(runner: Runner, workspace: Path):
    check = run_action(
        runner, workspace, paths="src/clean.py $(touch ran) `touch ran`", args="; touch ran"
    )["check"]
    assert check.returncode == 2  # `;` and the rest are paths and options that do not exist
    assert not (workspace / "ran").exists()
    assert not list(workspace.glob("*ran*"))


def test_windows_runners_are_told_what_to_do_instead(runner: Runner, workspace: Path):
    steps = run_action(runner, workspace, runner_os="Windows")
    assert list(steps) == ["install"] and steps["install"].returncode == 1
    assert "pip install anthropic-completions-to-messages" in steps["install"].stdout


# --- the workflows in the docs -----------------------------------------------------------------


def _workflows() -> list[dict]:
    text = (ROOT / "docs" / "ci.md").read_text()
    blocks = [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", text, re.S)]
    return [block for block in blocks if isinstance(block, dict) and "jobs" in block]


def test_the_docs_workflows_give_the_action_only_its_inputs():
    uses = [
        step
        for workflow in _workflows()
        for job in workflow["jobs"].values()
        for step in job["steps"]
        if "/migrator@" in step.get("uses", "")
    ]
    assert len(uses) >= 3, "annotations, SARIF and a baseline"
    assert [sorted(set(step.get("with", {})) - set(ACTION["inputs"])) for step in uses] == [
        []
    ] * len(uses)
    given = {name for step in uses for name in step.get("with", {})}
    assert {"paths", "format", "baseline", "exit-zero"} <= given
    read = re.findall(r"steps\.migrator\.outputs\.([\w-]+)", (ROOT / "docs" / "ci.md").read_text())
    assert read and set(read) <= set(ACTION["outputs"])
