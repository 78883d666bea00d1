"""The real-code corpus script's context: which modules of a repository surround a file.

``bench/realworld.py`` lists, beside each file with legacy evidence, the modules that
import it and those it imports, resolved as Python would; these tests hold that
resolution and the manifest's fifth column to what its docstring says.
"""

from __future__ import annotations

import ast
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
try:
    import realworld
finally:
    sys.path.remove(str(ROOT / "bench"))


def imports(importer: str, source: str, modules: set[str], roots: list[str] | None = None):
    tree = ast.parse(source)
    return realworld.imported_modules(
        importer, tree, modules, realworld.project_roots(modules) if roots is None else roots
    )


APP = {
    "backend/app/__init__.py",
    "backend/app/config.py",
    "backend/app/usecases/__init__.py",
    "backend/app/usecases/chat.py",
    "backend/app/utils.py",
    "config.py",
}


def test_an_absolute_import_is_found_from_a_folder_above_the_importer():
    """``backend/`` is where the app runs from: no marker says so, the layout does."""
    found = imports("backend/app/usecases/chat.py", "from app.config import SETTINGS\n", APP)
    assert found == {"backend/app/config.py"}


def test_the_importers_own_folder_comes_first():
    """A sibling ``config.py`` shadows the repository root's, as ``sys.path[0]`` does."""
    modules = {"tools/run.py", "tools/config.py", "config.py"}
    assert imports("tools/run.py", "import config\n", modules) == {"tools/config.py"}
    assert imports("main.py", "import config\n", modules | {"main.py"}) == {"config.py"}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from .. import utils\n", {"backend/app/utils.py"}),
        ("from .. import config\n", {"backend/app/config.py"}),
        ("from ..utils import helper\n", {"backend/app/utils.py"}),
        ("from . import anything\n", {"backend/app/usecases/__init__.py"}),
        ("from ..... import config\n", set()),  # above the repository: nothing
    ],
)
def test_relative_imports_start_from_the_importers_package(source: str, expected: set[str]):
    assert imports("backend/app/usecases/chat.py", source, APP) == expected


def test_from_a_package_a_submodule_is_named_before_the_package_itself():
    modules = {"pkg/__init__.py", "pkg/llm.py", "main.py"}
    assert imports("main.py", "from pkg import llm, VERSION\n", modules) == {
        "pkg/llm.py",
        "pkg/__init__.py",
    }
    assert imports("main.py", "import pkg.llm\n", modules) == {"pkg/llm.py"}


def test_src_and_the_folder_of_a_pyproject_are_roots():
    files = {
        "src/lib/core.py",
        "services/api/pyproject.toml",
        "services/api/handlers.py",
        "tests/test_core.py",
    }
    python = {f for f in files if f.endswith(".py")}
    roots = realworld.project_roots(files)
    assert imports("tests/test_core.py", "from lib import core\n", python, roots) == {
        "src/lib/core.py"
    }
    assert imports("tests/test_core.py", "import handlers\n", python, roots) == {
        "services/api/handlers.py"
    }


def test_a_module_that_is_not_the_projects_is_not_found():
    assert imports("backend/app/usecases/chat.py", "import anthropic, os\n", APP) == set()


def _files(sources: dict[str, str]) -> tuple[dict[str, tuple[str, int]], object]:
    files = {path: (path, len(text)) for path, text in sources.items()}
    return files, lambda path: ast.parse(realworld.python_text(sources[path], Path(path).suffix))


def test_neighbours_are_one_hop_each_way_nearest_first():
    files, parse = _files(
        {
            "app/config.py": "from app.defaults import LIMIT\nGENERATION = {'max_tokens_to_sample': LIMIT}\n",
            "app/defaults.py": "LIMIT = 500\n",
            "app/usecases/chat.py": "from app.config import GENERATION\n",
            "app/api.py": "from app.usecases import chat\n",  # two hops away
            "app/other.py": "import os\n",
        }
    )
    found = realworld.neighbours(["app/config.py"], files, parse)
    assert sorted(found) == [(0, "app/defaults.py"), (1, "app/usecases/chat.py")]


def test_neighbours_leave_out_notebooks_huge_modules_and_the_evidence_itself():
    sources = {
        "a/config.py": "X = {'max_tokens_to_sample': 1}\n",
        "a/send.py": "from a.config import X\nfrom a import big\n",
        "a/big.py": "from a.config import X\n",
        "a/notebook.ipynb": '{"cells": [{"cell_type": "code", "source": "from a.config import X"}]}',
    }
    files, parse = _files(sources)
    files["a/big.py"] = ("a/big.py", realworld.CONTEXT_MAX_BYTES + 1)
    assert realworld.neighbours(["a/config.py", "a/send.py"], files, parse) == []
    assert realworld.neighbours(["a/config.py"], files, parse) == [(0, "a/send.py")]


def test_manifest_lines_of_four_columns_are_evidence_and_a_fifth_names_the_role(
    tmp_path: Path,
):
    manifest = tmp_path / "manifest.tsv"
    manifest.write_text(
        f"{realworld.MANIFEST_HEADER}\n"
        "o/r\tapp/config.py\tc1\td1\n"
        "o/r\tapp/chat.py\tc1\td2\tcontext\n"
    )
    evidence, around = realworld.manifest_entries(manifest)
    assert (evidence.role, around.role) == ("evidence", "context")
    assert around.name == "o+r/app/chat.py"
    assert manifest.read_text().splitlines()[1:] == [evidence.line(), around.line()]
    manifest.write_text("o/r\tapp/chat.py\tc1\td2\tsurroundings\n")
    with pytest.raises(SystemExit, match="surroundings"):
        realworld.manifest_entries(manifest)


def _git(repository: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repository), *args], check=True, capture_output=True, text=True
    ).stdout.strip()


def _commit(repository: Path, files: dict[str, str]) -> str:
    for path, text in files.items():
        (repository / path).parent.mkdir(parents=True, exist_ok=True)
        (repository / path).write_text(text)
    _git(repository, "add", "-A")
    _git(repository, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "c")
    return _git(repository, "rev-parse", "HEAD")


def _new_repository(tmp_path: Path) -> Path:
    repository = tmp_path / "repo"
    repository.mkdir()
    _git(repository, "init", "-q")
    return repository


def test_a_repositorys_context_is_read_at_each_evidence_files_commit(tmp_path: Path):
    """The context comes from the commit its evidence file was listed at, a path gets one
    version (the nearest), and the cap keeps the nearest."""
    repository = _new_repository(tmp_path)
    old = _commit(
        repository,
        {
            "app/config.py": "SETTINGS = {'max_tokens_to_sample': 1}\n",
            "app/chat.py": "from app.config import SETTINGS\n",
            "app/far/away/deep.py": "from app.config import SETTINGS\n",
        },
    )
    new = _commit(
        repository,
        {
            "app/config.py": "SETTINGS = {}\n",
            "app/chat.py": "import os\n",  # no longer reads the settings
            "tools/prompts.py": "HUMAN = '\\n\\nHuman:'\n",
            "tools/run.py": "from prompts import HUMAN\n",
        },
    )
    rows = [
        realworld.Entry("o/r", "app/config.py", old, "d1"),
        realworld.Entry("o/r", "tools/prompts.py", new, "d2"),
    ]
    found, stand_ins = realworld._repository_context(repository / ".git", rows, per_repository=2)
    chat = _git(repository, "show", f"{old}:app/chat.py").encode() + b"\n"
    assert [(e.path, e.commit, e.role) for e in found] == [
        ("app/chat.py", old, "context"),
        ("tools/run.py", new, "context"),
    ]
    assert found[0].digest == hashlib.sha256(chat).hexdigest()
    assert stand_ins == set()
    wider, _ = realworld._repository_context(repository / ".git", rows, per_repository=5)
    assert "app/far/away/deep.py" in {e.path for e in wider}


def test_an_evidence_path_wanted_at_another_commit_is_named_as_a_stand_in(tmp_path: Path):
    """The corpus holds one version a path: an importer at the settings' commit whose path
    is evidence at a later commit is not context, and is said to be stood in for."""
    repository = _new_repository(tmp_path)
    old = _commit(
        repository,
        {
            "pkg/settings.py": "DEFAULTS = {'max_tokens_to_sample': 300}\n",
            "pkg/provider.py": "from pkg.settings import DEFAULTS\n",
        },
    )
    new = _commit(repository, {"pkg/provider.py": "PARAMS = {'max_tokens_to_sample': 1}\n"})
    rows = [
        realworld.Entry("o/r", "pkg/settings.py", old, "d1"),
        realworld.Entry("o/r", "pkg/provider.py", new, "d2"),
    ]
    found, stand_ins = realworld._repository_context(repository / ".git", rows, 25)
    assert (found, stand_ins) == ([], {"pkg/provider.py"})


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("import anthropic\nprint(anthropic.HUMAN_PROMPT)\n", ["HUMAN_PROMPT/AI_PROMPT"]),
        (
            "class P:\n    HUMAN_PROMPT = None\n\nprint(P.HUMAN_PROMPT)\n",
            ["HUMAN_PROMPT/AI_PROMPT"],
        ),
        # the module's own text, as its own top-level `HUMAN_PROMPT = "..."` is
        ('class P:\n    HUMAN_PROMPT = "\\n\\nHuman:"\n\nprint(P.HUMAN_PROMPT)\n', []),
        ('HUMAN_PROMPT = "\\n\\nHuman:"\nprint(HUMAN_PROMPT)\n', []),
    ],
)
def test_a_marker_the_module_spells_itself_is_not_evidence(source: str, found: list[str]):
    assert realworld.evidence(source) == found


def test_manual_findings_are_grouped_by_the_tools_own_kinds():
    """The figures by kind are the tool's classification, in the words of the document's
    table, so the corpus counts what users see; "other" is what the tool places nowhere."""
    refused = {"rule": "TCM002", "message": "the prompt ... which the legacy API refused"}
    pin = {"rule": "TCM018", "message": "`anthropic==0.3.11` keeps the SDK below 1.0"}
    assert realworld.manual_kind(refused) == "a prompt the legacy API refused"
    assert realworld.manual_kind(pin) == "a pin keeps the old SDK"
    assert realworld.manual_kind({"rule": "TCM001", "message": "no sign knows this"}) == "other"


def test_a_file_not_fully_migrated_is_counted_under_what_holds_it():
    refused = {"rule": "TCM002", "message": "the prompt ... which the legacy API refused"}
    pin = {"rule": "TCM018", "message": "`anthropic==0.3.11` keeps the SDK below 1.0"}
    assert realworld._held_by([refused, refused], "") == "a prompt the legacy API refused"
    assert realworld._held_by([refused, pin], "") == "several kinds"
    converted = "client.messages.create(**_legacy_request_to_messages(request))"
    assert realworld._held_by([], converted).endswith("left for the run-time converter")
    assert realworld._held_by([], "own(max_tokens_to_sample=5)").startswith(
        "no finding: legacy text"
    )
