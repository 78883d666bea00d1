"""The project index: ``max_tokens_to_sample=`` given to the project's own function in
another module is that function's parameter, not Text Completions' (migrator.analysis.project)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from migrator.analysis import project, project_summary
from migrator.core.config import Config
from migrator.engine.registry import selected
from migrator.run.run_report import Mode
from migrator.run.runner import run

# A module of the project with its own interface named after the old keyword: it makes
# the request itself, where the tool migrates it.
LLM = """\
import anthropic

client = anthropic.Anthropic()


def complete_text(prompt, max_tokens_to_sample=300):
    reply = client.completions.create(
        model="claude-2.1",
        max_tokens_to_sample=max_tokens_to_sample,
        prompt=f"{anthropic.HUMAN_PROMPT} {prompt}{anthropic.AI_PROMPT}",
    )
    return reply.completion
"""


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def _manual(root: Path, *, cache: bool = False) -> dict[str, list[str]]:
    """The manual findings of ``check`` on the tree, by file name."""
    report = run([root], Config(), selected(), Mode.CHECK, jobs=1, use_cache=cache)
    found: dict[str, list[str]] = {}
    for finding in report.findings:
        if finding.fix.value == "manual":
            found.setdefault(Path(finding.path).name, []).append(finding.message)
    return found


@pytest.fixture(autouse=True)
def _cache_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MIGRATOR_CACHE_DIR", str(tmp_path / ".migrator_cache"))


def test_a_keyword_of_a_function_imported_from_the_project_is_its_own(tmp_path):
    _write(
        tmp_path / "app",
        {
            "llm.py": LLM,
            "main.py": "from llm import complete_text\n\n"
            'print(complete_text("Hi", max_tokens_to_sample=50))\n',
        },
    )
    assert "main.py" not in _manual(tmp_path / "app")


def test_a_relative_import_and_a_module_imported_whole(tmp_path):
    _write(
        tmp_path / "pkg",
        {
            "__init__.py": "",
            "llm.py": LLM,
            "a.py": "from .llm import complete_text\n\n"
            'complete_text("Hi", max_tokens_to_sample=50)\n',
            "b.py": "from . import llm\n\nllm.complete_text('Hi', max_tokens_to_sample=50)\n",
            "c.py": "import pkg.llm as llm\n\nllm.complete_text('Hi', max_tokens_to_sample=5)\n",
        },
    )
    found = _manual(tmp_path / "pkg")
    assert not {"a.py", "b.py", "c.py"} & set(found), found


def test_a_method_of_a_package_the_module_imports(tmp_path):
    """The retrieval demo's notebooks: ``claude_retriever.ClientWithRetrieval(...)`` and its
    ``completion_with_retrieval(..., max_tokens_to_sample=1000)``, from a folder below."""
    method = (
        "class ClientWithRetrieval:\n"
        "    def completion_with_retrieval(self, query, max_tokens_to_sample=1000):\n"
        "        return query\n"
    )
    _write(
        tmp_path,
        {
            "retriever/__init__.py": "from .client import ClientWithRetrieval\n",
            "retriever/client.py": method,
            "examples/demo.py": "import retriever\n\n"
            "client = retriever.ClientWithRetrieval()\n"
            "print(client.completion_with_retrieval('q', max_tokens_to_sample=10))\n",
        },
    )
    assert "demo.py" not in _manual(tmp_path / "examples")


def test_kwargs_handed_on_to_the_modules_own_functions_that_all_take_it(tmp_path):
    dispatch = (
        "def complete_text(prompt, model, **kwargs):\n"
        "    if model.startswith('claude'):\n"
        "        return _claude(prompt, **kwargs)\n"
        "    return _other(prompt, **kwargs)\n\n"
        "def _claude(prompt, max_tokens_to_sample=2000, **kwargs):\n"
        "    return prompt\n\n"
        "def _other(prompt, max_tokens_to_sample=500, temperature=0.2):\n"
        "    return prompt\n"
    )
    _write(
        tmp_path / "app",
        {
            "LLM.py": dispatch,
            "agent.py": "from LLM import complete_text\n\n"
            'model_kwargs = {"max_tokens_to_sample": 100}\n'
            "complete_text('p', 'claude-2', **model_kwargs)\n"
            "complete_text('p', 'claude-2', max_tokens_to_sample=100)\n",
        },
    )
    assert "agent.py" not in _manual(tmp_path / "app")


@pytest.mark.parametrize(
    "library",
    [
        # hands the keyword on to the SDK: the request is made with it, in Text Completions
        "import anthropic\n\ndef complete_text(prompt, **kwargs):\n"
        "    return anthropic.Anthropic().completions.create(prompt=prompt, **kwargs)\n",
        # one function it dispatches to does not take it
        "def complete_text(prompt, **kwargs):\n    return _a(**kwargs) or _b(**kwargs)\n\n"
        "def _a(max_tokens_to_sample=1):\n    pass\n\ndef _b(temperature=0):\n    pass\n",
        # no such function in the module imported
        "def other(prompt, max_tokens_to_sample=300):\n    pass\n",
    ],
    ids=["handed-to-the-sdk", "not-every-callee-takes-it", "not-defined-there"],
)
def test_a_keyword_the_project_does_not_take_stays_a_finding(tmp_path, library):
    _write(
        tmp_path / "app",
        {
            "llm.py": library,
            "main.py": "from llm import complete_text\n\n"
            "complete_text('Hi', max_tokens_to_sample=50)\n",
        },
    )
    assert any("max_tokens_to_sample" in m for m in _manual(tmp_path / "app")["main.py"])


def test_a_method_named_as_the_sdks_is_never_the_projects(tmp_path):
    """A project class with ``create(..., max_tokens_to_sample)`` does not make every
    ``.create(max_tokens_to_sample=...)`` its own: the receiver may be the SDK's."""
    _write(
        tmp_path / "app",
        {
            "wrap.py": "class Wrapper:\n"
            "    def create(self, prompt, max_tokens_to_sample=1):\n        return prompt\n",
            "main.py": "import wrap\n\ndef ask(client, p):\n"
            "    return client.create(prompt=p, max_tokens_to_sample=5)\n",
        },
    )
    assert "main.py" in _manual(tmp_path / "app")


def test_a_module_outside_the_project_root_is_not_consulted(tmp_path):
    """Absolute imports are looked for up to the project's root (``pyproject.toml``)."""
    _write(
        tmp_path,
        {
            "llm.py": LLM,  # above the root: another project's module
            "app/pyproject.toml": "[project]\nname = 'app'\n",
            "app/main.py": "from llm import complete_text\n\n"
            "complete_text('Hi', max_tokens_to_sample=50)\n",
        },
    )
    assert "main.py" in _manual(tmp_path / "app")


def test_a_cached_result_holds_only_while_the_modules_it_read_are_unchanged(tmp_path):
    root = tmp_path / "app"
    _write(
        root,
        {
            "llm.py": LLM,
            "main.py": "from llm import complete_text\n\n"
            "complete_text('Hi', max_tokens_to_sample=50)\n",
        },
    )
    assert "main.py" not in _manual(root, cache=True)
    (cached,) = (tmp_path / ".migrator_cache").glob("results-*.json")
    entries = json.loads(cached.read_text().partition("\n")[2])
    (entry,) = [e for path, e in entries.items() if path.endswith("main.py")]
    assert str(root / "llm.py") in entry["result"]["depends"]
    # The function's parameter is renamed: the keyword is Text Completions' again.
    (root / "llm.py").write_text(LLM.replace("max_tokens_to_sample=300", "limit=300"))
    assert "main.py" in _manual(root, cache=True)


def test_nothing_is_consulted_outside_a_reading(tmp_path):
    """The gate and other callers without a file at hand read no other module."""
    tree = project.ast.parse("from llm import f\nf(max_tokens_to_sample=1)\n")
    call = tree.body[1].value  # type: ignore[attr-defined]
    imported = dict(project_summary.imported_names(tree.body))
    assert not project.takes_keyword(imported, call.func, "max_tokens_to_sample")
    _write(tmp_path, {"llm.py": "def f(max_tokens_to_sample=1):\n    pass\n"})
    with project.reading(tmp_path / "main.py") as reading:
        assert project.takes_keyword(imported, call.func, "max_tokens_to_sample")
    assert list(reading.consulted) == [os.path.join(tmp_path, "llm.py")]


@pytest.mark.parametrize(
    "broken",
    [b"def complete_text(prompt, max_tokens_to_sample=300:\n", b"\xff\xfe\x00 not python\n"],
    ids=["syntax-error", "undecodable"],
)
def test_an_imported_module_that_cannot_be_read_proves_nothing(tmp_path, broken):
    """The keyword stays a finding (it may be Text Completions'), and the run goes on."""
    root = tmp_path / "app"
    _write(
        root,
        {
            "main.py": "from llm import complete_text\n\ncomplete_text('Hi', max_tokens_to_sample=50)\n"
        },
    )
    (root / "llm.py").write_bytes(broken)
    report = run([root / "main.py"], Config(), selected(), Mode.CHECK, jobs=1, use_cache=False)
    assert not report.errors
    assert any("max_tokens_to_sample" in f.message for f in report.findings)
