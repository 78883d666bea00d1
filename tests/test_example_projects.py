"""Example projects whose own test suites mock the SDK: green before migration and after.

Each project in ``examples/projects/`` has a module that calls the legacy API
and a pytest suite that puts doubles on it. Its suite passes under
``anthropic==0.125.0``; migrated (code and tests in one run), it passes under
the current SDK. A test double whose code under test is migrated moves with
it; one whose code under test is left for a person stays as written, reported.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from differential import REPO_ROOT, current_python, legacy_python

from migrator.code.wrapping import unwrapped

PROJECTS = sorted(path.name for path in (REPO_ROOT / "examples" / "projects").iterdir())


def _pytest(python: str, project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _migrator(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "migrator", *args, "--no-progress", "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
    )


def _needs_pytest(python: str) -> None:
    found = subprocess.run(
        [python, "-c", "import pytest, pytest_mock, responses, respx"], capture_output=True
    )
    if found.returncode != 0:
        pytest.fail(
            f"{python} has no pytest, pytest-mock, responses or respx: run scripts/setup.sh",
            pytrace=False,
        )


@pytest.mark.parametrize("name", PROJECTS)
def test_the_projects_suite_passes_before_and_after_migration(name: str, tmp_path: Path):
    legacy, current = legacy_python(), current_python()
    _needs_pytest(legacy)
    _needs_pytest(current)
    project = tmp_path / name
    shutil.copytree(REPO_ROOT / "examples" / "projects" / name, project)
    before = _pytest(legacy, project)
    assert before.returncode == 0, before.stdout + before.stderr
    migrated = _migrator("migrate", ".", cwd=project)
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr
    assert _migrator("check", ".", cwd=project).returncode == 0
    assert "completions" not in "".join(
        path.read_text() for path in (project / "tests").glob("*.py")
    )
    after = _pytest(current, project)
    assert after.returncode == 0, after.stdout + after.stderr


LEGACY_MODULE = """\
import anthropic

client = anthropic.Anthropic()


def summarize(text):
    response = client.completions.create(
        model="claude-2.1", max_tokens_to_sample=300, prompt={prompt}
    )
    return response.completion.strip()
"""

TEST = """\
from unittest import mock

import svc


def test_summary():
    with mock.patch.object(svc.client.completions, "create") as create:
        create.return_value = mock.Mock(completion=" A summary.")
        assert svc.summarize("text") == "A summary."
"""


def _project(tmp_path: Path, prompt: str) -> Path:
    (tmp_path / "tests").mkdir()
    (tmp_path / "svc.py").write_text(LEGACY_MODULE.format(prompt=prompt))
    (tmp_path / "tests" / "test_svc.py").write_text(TEST)
    return tmp_path


def test_a_double_moves_with_the_client_the_run_migrated(tmp_path: Path):
    project = _project(tmp_path, 'f"{anthropic.HUMAN_PROMPT} {text}{anthropic.AI_PROMPT}"')
    assert _migrator("migrate", ".", cwd=project).returncode == 0
    test = (project / "tests" / "test_svc.py").read_text()
    assert 'mock.patch.object(svc.client.messages, "create")' in test
    assert 'content=[mock.Mock(type="text", text=" A summary.")]' in test


def test_a_double_beside_a_moved_one_is_never_passed_over(tmp_path: Path):
    """Once the first double is retargeted, the file no longer reads a legacy completion;
    a second double on ``completions`` it cannot move must still be reported."""
    project = _project(tmp_path, 'f"{anthropic.HUMAN_PROMPT} {text}{anthropic.AI_PROMPT}"')
    test = project / "tests" / "test_svc.py"
    # The builtin ``setattr`` is no patch the rule moves (nothing puts the method back).
    test.write_text(
        TEST
        + "\n\ndef test_stubbed():\n"
        + '    setattr(svc.client.completions, "create", lambda **kw: None)\n'
    )
    check = _migrator("check", ".", cwd=project)
    assert "test_svc.py:13:13 TCM020" in check.stdout
    result = _migrator("migrate", ".", cwd=project)
    assert result.returncode == 1
    assert 'mock.patch.object(svc.client.messages, "create")' in test.read_text()
    assert "# migrator: manual [TCM020] a test double replaces" in test.read_text()


def test_a_monkeypatched_double_moves_with_the_client(tmp_path: Path):
    project = _project(tmp_path, 'f"{anthropic.HUMAN_PROMPT} {text}{anthropic.AI_PROMPT}"')
    test = project / "tests" / "test_svc.py"
    test.write_text(
        "from types import SimpleNamespace\n\nimport svc\n\n\n"
        "def test_stubbed(monkeypatch):\n"
        '    monkeypatch.setattr(svc.client.completions, "create", lambda **kw: None)\n\n\n'
        "def test_faked(monkeypatch):\n"
        "    fake = lambda **kw: SimpleNamespace(completion=' A summary.')  # noqa: E731\n"
        '    monkeypatch.setattr(svc.client.completions, "create", fake)\n'
    )
    result = _migrator("migrate", ".", cwd=project)
    assert result.returncode == 1  # the double that returns None is left, with its reason
    text = test.read_text()
    assert '    monkeypatch.setattr(svc.client.messages, "create", fake)\n' in text
    assert "SimpleNamespace(content=[SimpleNamespace(type=\"text\", text=' A summary.')])" in text
    reason = "the double returns `None`, which the tool cannot turn into a `Message`"
    assert reason in unwrapped(text)
    assert 'monkeypatch.setattr(svc.client.completions, "create", lambda **kw: None)' in text


def test_a_double_stays_when_its_code_is_left_for_a_person(tmp_path: Path):
    project = _project(tmp_path, 'f"{anthropic.HUMAN_PROMPT} {text}{anthropic.AI_PROMPT}"')
    # The whole response is printed: svc.py keeps its call, for a person.
    svc = project / "svc.py"
    svc.write_text(
        svc.read_text().replace("    return response", "    print(response)\n    return response")
    )
    result = _migrator("migrate", ".", cwd=project)
    assert result.returncode == 1
    assert "svc.client.completions" in (project / "tests" / "test_svc.py").read_text()
    assert "a test double replaces `svc.client.completions.create`" in result.stdout + result.stderr


def test_a_test_checked_alone_is_reported_not_moved(tmp_path: Path):
    project = _project(tmp_path, 'f"{anthropic.HUMAN_PROMPT} {text}{anthropic.AI_PROMPT}"')
    result = _migrator("migrate", "tests/test_svc.py", cwd=project)
    assert result.returncode == 1
    assert "a test double replaces" in result.stdout + result.stderr
    assert "svc.client.completions" in (project / "tests" / "test_svc.py").read_text()


RUNTIME_PROMPT = """\
import anthropic

from {package}.prompts import build

client = anthropic.Anthropic()


def ask(text):
    return client.completions.create(
        model="claude-2", max_tokens_to_sample=20, prompt=build(text)
    ).completion
"""


def _package(root: Path, modules: int) -> Path:
    package = root / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "prompts.py").write_text(
        "def build(text):\n    return f'\\n\\nHuman: {text}\\n\\nAssistant:'\n"
    )
    places = [package / "a.py", package / "sub" / "b.py", package / "c.py"][:modules]
    for place in places:
        place.write_text(RUNTIME_PROMPT.format(package="pkg"))
    (root / "script.py").write_text(RUNTIME_PROMPT.format(package="pkg"))
    return package


def test_the_modules_of_a_package_share_one_copy_of_the_helpers(tmp_path: Path):
    package = _package(tmp_path, 3)
    result = _migrator("migrate", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "pkg/_legacy_anthropic.py: the runtime helpers, one copy for the 3 modules" in (
        result.stderr
    )
    shared = package / "_legacy_anthropic.py"
    # What the modules call (the request converter), and the two helpers it calls.
    defined = sorted(
        line.split("(")[0][4:]
        for line in shared.read_text().splitlines()
        if line.startswith("def ")
    )
    assert defined == [
        "_legacy_model_to_current",
        "_legacy_prompt_to_messages",
        "_legacy_request_to_messages",
    ]
    for module in (package / "a.py", package / "sub" / "b.py", package / "c.py"):
        text = module.read_text()
        assert "from pkg._legacy_anthropic import _legacy_request_to_messages\n" in text
        assert "def _legacy_" not in text
    # A script outside any package keeps its own copy.
    assert "def _legacy_request_to_messages" in (tmp_path / "script.py").read_text()
    # What a second run sees: nothing left, nothing to add.
    assert _migrator("migrate", "--diff", ".", cwd=tmp_path).returncode == 0


def test_one_module_of_a_package_keeps_its_helpers_inline(tmp_path: Path):
    package = _package(tmp_path, 1)
    assert _migrator("migrate", ".", cwd=tmp_path).returncode == 0
    assert not (package / "_legacy_anthropic.py").exists()
    assert "def _legacy_request_to_messages" in (package / "a.py").read_text()


def test_a_diff_shows_the_shared_module_and_writes_nothing(tmp_path: Path):
    package = _package(tmp_path, 2)
    before = (package / "a.py").read_text()
    diff = _migrator("migrate", "--diff", ".", cwd=tmp_path)
    assert "+++ b/pkg/_legacy_anthropic.py" in diff.stdout
    assert "+from pkg._legacy_anthropic import _legacy_request_to_messages" in diff.stdout
    assert not (package / "_legacy_anthropic.py").exists()
    assert (package / "a.py").read_text() == before
