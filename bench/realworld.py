"""The real-code corpus: public files that use the legacy API, and how the tool does on them.

    .venv/bin/python bench/realworld.py scan /work/.mirror/*/repo >> bench/realworld/manifest.tsv
    .venv/bin/python bench/realworld.py context           # the modules around them, into the manifest
    .venv/bin/python bench/realworld.py gather            # manifest -> corpus folder
    .venv/bin/python bench/realworld.py run               # check + migrate, figures per file and in total
                                                          # (the default when no command is given)

The texts stay outside the repository (default ``../realworld-corpus`` beside it,
or ``--corpus``); the repository keeps only ``bench/realworld/manifest.tsv``:
repository, path, commit and the SHA-256 of the text, one file a line, tab-separated,
and an optional fifth column, the file's role: ``evidence`` (a file that held legacy
evidence; what a line of four columns is) or ``context``. Lines starting with ``#``
are comments.

Context files are there because the tool is run over whole codebases: a config module
that holds ``{"max_tokens_to_sample": 500}`` is judged fairly only beside the modules
that read it. ``context`` lists anew, for each evidence file, the Python modules of the
same repository at the same commit that import it, and the project modules it
imports (one hop each way), resolved as Python would: relative imports from the
importer's package, absolute ones from its own folder, each folder above it and its
``src/``, the repository's root, ``src/`` and the folder of each ``pyproject.toml``,
``setup.py`` or ``setup.cfg``. Notebooks and files over 200 KB are left out, at most
25 a repository are kept (nearest to their evidence file first), a path gets one
version, and a path listed as evidence is never context (where it is wanted at another
commit, its evidence version stands in: ``context`` names these). It rewrites the manifest,
keeping its evidence lines as they are, each repository's followed by its context
lines (one ``git ls-tree`` a commit and one ``git cat-file --batch`` a repository).

``scan`` reads git snapshots of public repositories (one ``git log --raw`` and one
``git cat-file --batch`` a repository, so blobs of every commit are seen, and a
missing large blob costs nothing) and lists, for each path, the newest version that
holds legacy evidence. ``gather`` writes each listed file from its snapshot into
the corpus folder and checks its hash.

``run`` copies the corpus to a temporary folder, checks and migrates it whole, and
measures, per file and in total (context files apart: they count in none of these
figures, and have their own, below):
files with evidence of the legacy API (judged here by text patterns of its own, not by
the tool, so the measure is not circular); silent misses (evidence, yet ``check`` reports
nothing); fully migrated files (after ``migrate``, ``check`` reports nothing and no
evidence is left outside the tool's helpers); outputs that no longer parse; changed files
that still read a name the current SDK lacks; lines the migration made longer than the
file's own style (``bench/long_lines.py`` lists them by cause); manual findings grouped
by kind and by reason; the files not fully migrated, by the kinds of what holds each back
(with no finding, the legacy keys a call hands the run-time converter, which this
script still counts as evidence); the files held back by one reason alone. For the
context files: how many changed, any whose output no longer parses
or still reads a name the current SDK lacks, how many hold evidence by the script's
own judge, and every finding the tool reports in them after ``migrate``.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import tokenize
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import NamedTuple

from long_lines import long_lines  # bench/, the script's own folder

from migrator.analysis.gate import needs_rules
from migrator.analysis.prefilter import may_contain_legacy
from migrator.core.manual_kinds import kind_of

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "bench" / "realworld" / "manifest.tsv"
DEFAULT_CORPUS = ROOT.parent / "realworld-corpus"
MIRRORS = Path("/work/.mirror")
MIGRATOR = [str(Path(sys.executable).parent / "migrator")]

# What a snapshot is searched for: cheap, on raw bytes.
_CANDIDATE = re.compile(
    rb"max_tokens_to_sample|HUMAN_PROMPT|AI_PROMPT|/v1/complete(?![\w/-])|completion_stream\s*\("
)
# Paths that define the API rather than use it (the SDK's own source, vendored copies).
_DEFINES = re.compile(
    r"(^|/)(site-packages|node_modules|\.venv|venv|vendored_anthropic)/|^(src/)?anthropic(_bedrock)?/"
)
PER_REPOSITORY = 12

# --- evidence, judged by text ------------------------------------------------------------

_EVIDENCE = [
    ("max_tokens_to_sample", re.compile(r"\bmax_tokens_to_sample\b")),
    ("HUMAN_PROMPT/AI_PROMPT", re.compile(r"\b(?:HUMAN_PROMPT|AI_PROMPT)\b")),
    ("/v1/complete", re.compile(r"/v1/complete(?![\w/-])")),
    ("pre-0.3 stream", re.compile(r"\.a?completion_stream\s*\(")),
    ("anthropic.Client", re.compile(r"\banthropic\.Client\s*\(")),
    ("ApiException", re.compile(r"\b(?:anthropic\.(?:api\.)?)ApiException\b")),
    ("tokenizer", re.compile(r"\banthropic\.(?:count_tokens|get_tokenizer|_tokenizers)\b")),
    (
        "Completion type",
        re.compile(
            r"\banthropic\.types\.Completion\b|from anthropic\.types import[^\n]*\bCompletion\b"
        ),
    ),
]
# Names the current SDK lacks, read from ``anthropic``.
_HELPER = re.compile(r"^([ \t]*)(?:async\s+)?def _legacy_\w+\(")


def code_text(source: str) -> str:
    """The source without comments and without the tool's own helper functions."""
    out: list[str] = []
    skip_indent: str | None = None
    for line in source.splitlines():
        if skip_indent is not None:
            if (
                line.strip()
                and not line.startswith(skip_indent + " ")
                and not line.startswith(skip_indent + "\t")
            ):
                if not line.lstrip().startswith((")", "]", "}")):
                    skip_indent = None
            if skip_indent is not None:
                out.append("")
                continue
        helper = _HELPER.match(line)
        if helper:
            skip_indent = helper.group(1)
            out.append("")
            continue
        out.append(line)
    text = "\n".join(out)
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return "\n".join(
            line.split("#", 1)[0] if "#" in line and '"' not in line and "'" not in line else line
            for line in out
        )
    lines = text.splitlines(keepends=True)
    for token in reversed(tokens):
        if token.type == tokenize.COMMENT:
            row, col = token.start
            line = lines[row - 1]
            lines[row - 1] = line[:col] + line[token.end[1] :]
    return "".join(lines)


def evidence(source: str, project_own: frozenset[str] = frozenset()) -> list[str]:
    """The kinds of legacy evidence in ``source``: read with ``ast`` where it parses.
    ``project_own``: functions of the file's repository that take ``max_tokens_to_sample``
    as their own parameter (:func:`repository_own`)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError):
        return _text_evidence(source)
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    helpers = [
        node
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.name.startswith("_legacy_")
    ]
    skipped = {id(inner) for helper in helpers for inner in ast.walk(helper)}
    imported = any(
        isinstance(node, ast.ImportFrom)
        and any(a.name in ("HUMAN_PROMPT", "AI_PROMPT") for a in node.names)
        for node in ast.walk(tree)
    )
    own = {  # functions of this module that take a parameter of that name: a wrapper's own
        node.name
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and "max_tokens_to_sample" in {a.arg for a in [*node.args.args, *node.args.kwonlyargs]}
    }
    # Classes of this module that spell a marker as a string in their body: reading it
    # there is the module's own text, as a module's own ``HUMAN_PROMPT = "..."`` is above.
    spelled_here = {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
        and any(
            isinstance(item, ast.Assign)
            and isinstance(item.value, ast.Constant)
            and isinstance(item.value.value, str)
            and any(getattr(t, "id", None) in ("HUMAN_PROMPT", "AI_PROMPT") for t in item.targets)
            for item in node.body
        )
    }
    uses_anthropic = any(
        (isinstance(node, ast.ImportFrom) and (node.module or "").startswith("anthropic"))
        or (
            isinstance(node, ast.Import)
            and any(a.name.split(".")[0] == "anthropic" for a in node.names)
        )
        for node in ast.walk(tree)
    )
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped or id(node) in docstrings:
            continue
        if isinstance(node, ast.Call) and any(
            k.arg == "max_tokens_to_sample" for k in node.keywords
        ):
            callee = (
                node.func.attr
                if isinstance(node.func, ast.Attribute)
                else getattr(node.func, "id", None)
            )
            if callee not in own and callee not in project_own:
                found.add("max_tokens_to_sample")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if node.value == "max_tokens_to_sample" or '"max_tokens_to_sample"' in node.value:
                found.add("max_tokens_to_sample")
            if re.search(r"/v1/complete(?![\w/-])", node.value):
                found.add("/v1/complete")
        elif isinstance(node, ast.Attribute):
            if node.attr in ("HUMAN_PROMPT", "AI_PROMPT") and (
                _dotted_head(node) not in spelled_here
            ):
                found.add("HUMAN_PROMPT/AI_PROMPT")
            if isinstance(node.value, ast.Name) and node.value.id == "anthropic":
                if node.attr in ("ApiException", "api"):
                    found.add("pre-0.3 names")
                elif node.attr in ("count_tokens", "get_tokenizer", "_tokenizers"):
                    found.add("tokenizer")
        elif isinstance(node, ast.Name) and node.id in ("HUMAN_PROMPT", "AI_PROMPT") and imported:
            found.add("HUMAN_PROMPT/AI_PROMPT")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if ast.unparse(node.func) == "anthropic.Client" and node.args:
                found.add("anthropic.Client(key)")
            if node.func.attr in ("completion_stream", "acompletion_stream"):
                # A common method name (agents, wrappers): the old SDK's only in a module
                # that imports it, or with its keywords.
                if uses_anthropic or any(
                    k.arg in (None, "prompt", "max_tokens_to_sample") for k in node.keywords
                ):
                    found.add("pre-0.3 stream")
            elif node.func.attr == "create" and "completions" in ast.unparse(node.func):
                prompt = next((k.value for k in node.keywords if k.arg == "prompt"), None)
                if prompt is not None and re.search(
                    r"Human:|HUMAN_PROMPT|Assistant:|AI_PROMPT", ast.unparse(prompt)
                ):
                    found.add("completions.create")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("anthropic"):
            names = {a.name for a in node.names}
            if names & {"HUMAN_PROMPT", "AI_PROMPT", "count_tokens", "ApiException"}:
                found.add("import of a removed name")
            if node.module == "anthropic.types" and "Completion" in names:
                found.add("Completion type")
    return sorted(found)


def repository_own(folder: Path) -> frozenset[str]:
    """Names of the repository's functions, methods and classes whose callers pass
    ``max_tokens_to_sample=`` to the project's own interface: a parameter of that name, or
    a ``**kwargs`` handed only to such functions. Judged by name across the repository's
    files in the corpus, coarser than the tool (which resolves imports), and apart from it;
    never a method name of the SDKs."""
    taking: set[str] = set()
    forwarding: dict[str, set[str]] = {}
    for path in sorted(folder.rglob("*")):
        if path.suffix not in (".py", ".ipynb") or not path.is_file():
            continue
        try:
            tree = ast.parse(python_of(path))
        except (SyntaxError, ValueError, RecursionError):
            continue
        for node in ast.walk(tree):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            args = node.args
            if "max_tokens_to_sample" in {a.arg for a in [*args.args, *args.kwonlyargs]}:
                taking.add(node.name)
            elif args.kwarg is not None:
                forwarding[node.name] = {
                    call.func.attr if isinstance(call.func, ast.Attribute) else call.func.id
                    for call in ast.walk(node)
                    if isinstance(call, ast.Call)
                    and isinstance(call.func, (ast.Attribute, ast.Name))
                    and any(
                        k.arg is None
                        and isinstance(k.value, ast.Name)
                        and k.value.id == args.kwarg.arg
                        for k in call.keywords
                    )
                }
    handed = {name for name, callees in forwarding.items() if callees and callees <= taking}
    return frozenset(taking | handed) - _SDK_METHODS


# The SDKs' own methods that take the keyword: a call of one is never the project's.
_SDK_METHODS = frozenset(
    {"create", "completion", "acompletion", "completion_stream", "acompletion_stream"}
)


def _dotted_head(node: ast.Attribute) -> str | None:
    """The name ``Prompts.HUMAN_PROMPT`` is read on (``Prompts``), if it is a plain name."""
    return node.value.id if isinstance(node.value, ast.Name) else None


def _text_evidence(source: str) -> list[str]:
    code = code_text(source)
    return [name for name, pattern in _EVIDENCE if pattern.search(code)]


def python_of(path: Path) -> str:
    """A file's Python: a notebook's code cells joined, magics blanked."""
    return python_text(path.read_text(encoding="utf-8", errors="replace"), path.suffix)


def python_text(text: str, suffix: str) -> str:
    """The Python of a file's text, by its suffix (``.ipynb``: the code cells)."""
    if suffix != ".ipynb":
        return text
    try:
        notebook = json.loads(text)
    except ValueError:
        return ""
    cells = notebook.get("cells") or [
        c for w in notebook.get("worksheets", []) for c in w.get("cells", [])
    ]
    parts = []
    for cell in cells:
        if cell.get("cell_type") != "code":
            continue
        body = cell.get("source", cell.get("input", ""))
        body = "".join(body) if isinstance(body, list) else body
        parts.append(
            "\n".join("" if ln.lstrip().startswith(("%", "!")) else ln for ln in body.splitlines())
        )
    return "\n\n".join(parts)


# --- scan and gather ---------------------------------------------------------------------


def _repository_name(git_dir: Path) -> str:
    owner_name = git_dir.parent.name if git_dir.name == "repo" else git_dir.name
    return owner_name.replace("+", "/", 1)


def scan(git_dirs: list[Path], per_repository: int) -> None:
    """Print manifest lines for the newest legacy version of each path in each snapshot."""
    seen_hashes: set[str] = set()
    if MANIFEST.exists():  # a context file may still be listed as evidence of its own
        seen_hashes = {e.digest for e in manifest_entries() if e.role == "evidence"}
    for git_dir in git_dirs:
        repository = _repository_name(git_dir)
        log = subprocess.run(
            [
                "git",
                "--git-dir",
                str(git_dir),
                "log",
                "--all",
                "--date-order",
                "--raw",
                "--no-abbrev",
                "--no-renames",
                "--format=C %H",
                "--",
                "*.py",
                "*.ipynb",
            ],
            capture_output=True,
            text=True,
            errors="replace",
        ).stdout
        newest: dict[str, list[tuple[str, str]]] = defaultdict(
            list
        )  # path -> [(blob, commit)] newest first
        commit = ""
        for line in log.splitlines():
            if line.startswith("C "):
                commit = line[2:]
            elif line.startswith(":"):
                meta, _, path = line.partition("\t")
                blob = meta.split()[3]
                if set(blob) != {"0"} and not _DEFINES.search(path):
                    newest[path].append((blob, commit))
        blobs = sorted({blob for versions in newest.values() for blob, _ in versions})
        contents = _read_blobs(git_dir, blobs)
        chosen = 0
        for path, versions in sorted(newest.items()):
            if chosen >= per_repository:
                break
            for blob, commit in versions:
                data = contents.get(blob)
                if data is None or not _CANDIDATE.search(data):
                    continue
                digest = hashlib.sha256(data).hexdigest()
                if digest in seen_hashes:
                    break
                seen_hashes.add(digest)
                print(f"{repository}\t{path}\t{commit}\t{digest}", flush=True)
                chosen += 1
                break


def _read_blobs(git_dir: Path, blobs: list[str]) -> dict[str, bytes]:
    process = subprocess.run(
        ["git", "--git-dir", str(git_dir), "cat-file", "--batch"],
        input="".join(f"{blob}\n" for blob in blobs).encode(),
        capture_output=True,
    )
    out, contents, at = process.stdout, {}, 0
    while at < len(out):
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) == 3:
            size = int(header[2])
            contents[header[0].decode()] = out[at : at + size]
            at += size + 1
    return contents


class Entry(NamedTuple):
    """One line of the manifest: four columns, and a fifth for the file's role.

    ``evidence`` (the default, and what a four-column line is): a file that held legacy
    evidence when it was scanned. ``context``: a module of the same repository at the
    same commit that imports an evidence file or that one imports (:func:`context`),
    there so that the tool sees the project around the evidence, as it does when it is
    run over a whole codebase."""

    repository: str
    path: str
    commit: str
    digest: str
    role: str = "evidence"

    @property
    def name(self) -> str:
        """The file's path in the corpus folder."""
        return f"{self.repository.replace('/', '+')}/{self.path}"

    def line(self) -> str:
        columns = [self.repository, self.path, self.commit, self.digest]
        return "\t".join(columns if self.role == "evidence" else [*columns, self.role])


ROLES = ("evidence", "context")
MANIFEST_HEADER = "# repository\tpath\tcommit\tsha256\t[role: evidence (default) or context]"


def manifest_entries(manifest: Path = MANIFEST) -> list[Entry]:
    entries = []
    for number, line in enumerate(manifest.read_text().splitlines(), 1):
        if line and not line.startswith("#"):
            entry = Entry(*line.split("\t"))
            if entry.role not in ROLES:
                sys.exit(f"{manifest}:{number}: role {entry.role!r} is none of {ROLES}")
            entries.append(entry)
    return entries


def gather(corpus: Path, mirrors: Path) -> None:
    missing, written = Counter(), 0
    for entry in manifest_entries():
        target = corpus / entry.name
        if target.exists() and hashlib.sha256(target.read_bytes()).hexdigest() == entry.digest:
            continue
        git_dir = mirrors / entry.repository.replace("/", "+") / "repo"
        shown = subprocess.run(
            ["git", "--git-dir", str(git_dir), "show", f"{entry.commit}:{entry.path}"],
            capture_output=True,
        )
        if shown.returncode or hashlib.sha256(shown.stdout).hexdigest() != entry.digest:
            missing[entry.repository] += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(shown.stdout)
        written += 1
    print(f"{written} files written to {corpus}")
    if missing:
        print(
            f"{sum(missing.values())} files could not be had: fetch these snapshots into {mirrors}:"
        )
        for repository, count in missing.most_common():
            print(f"  {repository} ({count})")


# --- context: the modules around each evidence file --------------------------------------

CONTEXT_PER_REPOSITORY = 25
CONTEXT_MAX_BYTES = 200_000
_ROOT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg")


def _folder(path: str) -> str:
    return path.rpartition("/")[0]


def _join(*parts: str) -> str:
    return "/".join(part for part in parts if part)


def _ancestors(folder: str) -> list[str]:
    """``folder`` and every folder above it, nearest first; the repository's root is ``""``."""
    out = []
    while folder:
        out.append(folder)
        folder = _folder(folder)
    return [*out, ""]


def distance(a: str, b: str) -> int:
    """Steps from the folder of one path to the folder of the other."""
    left, right = _folder(a).split("/"), _folder(b).split("/")
    common = 0
    while common < min(len(left), len(right)) and left[common] == right[common]:
        common += 1
    return len(left) + len(right) - 2 * common


def project_roots(paths: Iterable[str]) -> list[str]:
    """Folders a project puts on ``sys.path`` wherever its modules sit: the repository's
    root, ``src/``, and the folder of each ``pyproject.toml``, ``setup.py`` or
    ``setup.cfg`` with its ``src/``."""
    roots = ["", "src"]
    for path in sorted(paths):
        folder, _, name = path.rpartition("/")
        if name in _ROOT_MARKERS:
            roots += [folder, _join(folder, "src")]
    return list(dict.fromkeys(roots))


def search_path(importer: str, roots: list[str]) -> list[str]:
    """Where an absolute import of module ``importer`` is looked for, in order: its own
    folder (a script's ``sys.path[0]``: sibling imports), each folder above it and its
    ``src/`` (the project run from there), nearest first, then the project's roots."""
    near = [f for a in _ancestors(_folder(importer)) for f in (a, _join(a, "src"))]
    return list(dict.fromkeys([*near, *roots]))


def module_file(dotted: str, folder: str, modules: AbstractSet[str]) -> str | None:
    """The file of module ``dotted`` under ``folder``: ``a/b.py`` or ``a/b/__init__.py``."""
    stem = _join(folder, *dotted.split(".")) if dotted else folder
    for candidate in (f"{stem}.py", _join(stem, "__init__.py")):
        if candidate in modules:
            return candidate
    return None


def _package(importer: str, level: int) -> str | None:
    """The folder a relative import of ``level`` dots starts from; None above the root."""
    folder = _folder(importer)
    for _ in range(level - 1):
        if not folder:
            return None
        folder = _folder(folder)
    return folder


def _from_import(
    dotted: str, name: str, folders: list[str], modules: AbstractSet[str]
) -> str | None:
    """``from dotted import name``: the first folder that holds ``dotted`` decides; there
    ``name`` is a submodule if such a file exists, else a name of ``dotted`` itself."""
    for folder in folders:
        submodule = module_file(f"{dotted}.{name}" if dotted else name, folder, modules)
        found = submodule or module_file(dotted, folder, modules)
        if found:
            return found
    return None


def imported_modules(
    importer: str, tree: ast.Module, modules: AbstractSet[str], roots: list[str]
) -> set[str]:
    """The files among ``modules`` that module ``importer`` imports (any import statement,
    also inside functions or ``try``), resolved as Python would: relative imports from
    its package, absolute ones from the first folder of :func:`search_path` that has
    them. A package's ``__init__.py`` counts only when it is what is named."""
    folders = search_path(importer, roots)
    found: set[str | None] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.add(
                    next(
                        (f for f in (module_file(alias.name, d, modules) for d in folders) if f),
                        None,
                    )
                )
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                package = _package(importer, node.level)
                if package is None:
                    continue
                search = [package]
            else:
                search = folders
            for alias in node.names:
                found.add(_from_import(node.module or "", alias.name, search, modules))
    return {path for path in found if path is not None and path != importer}


def _tree(git_dir: Path, commit: str) -> dict[str, tuple[str, int]]:
    """Every file of a commit: path -> (blob, size). Empty when the commit is missing;
    without the large blobs a snapshot may lack."""
    listed = subprocess.run(
        ["git", "--git-dir", str(git_dir), "ls-tree", "-r", "-l", "-z", commit],
        capture_output=True,
    )
    files = {}
    for record in listed.stdout.split(b"\0") if listed.returncode == 0 else []:
        meta, _, path = record.partition(b"\t")
        fields = meta.split()
        if len(fields) == 4 and fields[1] == b"blob" and fields[3].isdigit():  # else absent
            files[path.decode("utf-8", "replace")] = (fields[2].decode(), int(fields[3]))
    return files


def _may_be_context(path: str, size: int) -> bool:
    return path.endswith(".py") and size <= CONTEXT_MAX_BYTES and not _DEFINES.search(path)


def _parsed(data: bytes, suffix: str) -> ast.Module | None:
    try:
        with warnings.catch_warnings():  # an invalid escape in someone else's code is theirs
            warnings.simplefilter("ignore", SyntaxWarning)
            return ast.parse(python_text(data.decode("utf-8", "replace"), suffix))
    except (SyntaxError, ValueError, RecursionError):
        return None


def neighbours(
    evidence: list[str],
    files: dict[str, tuple[str, int]],
    parse: Callable[[str], ast.Module | None],
) -> list[tuple[int, str]]:
    """The context of some evidence files of one commit, one hop each way: the project
    modules each imports, and the modules that import one of them; as (distance, path),
    without the evidence files themselves. ``files``: the commit's files (path -> blob,
    size); ``parse``: a file's tree by path (None when it does not parse)."""
    python = {path for path in files if path.endswith(".py")}
    roots = project_roots(files)
    targets = set(evidence)
    found: list[tuple[int, str]] = []
    for path in evidence:
        tree = parse(path)
        if tree is not None:
            found += [(distance(path, m), m) for m in imported_modules(path, tree, python, roots)]
    for path in sorted(python - targets):
        if not _may_be_context(path, files[path][1]):
            continue
        tree = parse(path)
        if tree is None:
            continue
        for target in imported_modules(path, tree, python, roots) & targets:
            found.append((distance(target, path), path))
    return [
        (steps, path)
        for steps, path in found
        if path not in targets and _may_be_context(path, files[path][1])
    ]


def _repository_context(
    git_dir: Path, rows: list[Entry], per_repository: int
) -> tuple[list[Entry], set[str]]:
    """The context rows of one repository, nearest first up to ``per_repository``; one
    version a path (the corpus holds one), and none for a path listed as evidence. Also
    the evidence paths wanted as context at another commit than their own: there the
    evidence version stands in, which may no longer read or send what the other did."""
    trees = {commit: _tree(git_dir, commit) for commit in sorted({r.commit for r in rows})}
    listed = {(r.commit, r.path) for r in rows}
    blobs = {
        blob
        for commit, files in trees.items()
        for path, (blob, size) in files.items()
        if _may_be_context(path, size) or (commit, path) in listed
    }
    contents = _read_blobs(git_dir, sorted(blobs))
    trees_by_blob: dict[str, ast.Module | None] = {}

    candidates: list[tuple[int, str, str]] = []
    for commit, files in trees.items():

        def parse(path: str, files: dict[str, tuple[str, int]] = files) -> ast.Module | None:
            blob = files[path][0]
            if blob not in trees_by_blob:
                data = contents.get(blob)
                suffix = Path(path).suffix
                trees_by_blob[blob] = None if data is None else _parsed(data, suffix)
            return trees_by_blob[blob]

        here = [r.path for r in rows if r.commit == commit and r.path in files]
        candidates += [(steps, path, commit) for steps, path in neighbours(here, files, parse)]
    evidence_paths = {r.path for r in rows}
    chosen: dict[str, Entry] = {}
    stand_ins: set[str] = set()
    for _, path, commit in sorted(candidates):
        if path in evidence_paths:
            if (commit, path) not in listed:
                stand_ins.add(path)
            continue
        if len(chosen) >= per_repository or path in chosen:
            continue
        data = contents[trees[commit][path][0]]
        digest = hashlib.sha256(data).hexdigest()
        chosen[path] = Entry(rows[0].repository, path, commit, digest, "context")
    return sorted(chosen.values(), key=lambda entry: entry.path), stand_ins


def context(mirrors: Path, per_repository: int) -> None:
    """Rewrite the manifest: its evidence rows as they are, each repository's followed by
    its context rows, listed anew from the snapshots (one ``git cat-file --batch`` a
    repository)."""
    entries = [e for e in manifest_entries() if e.role == "evidence"]
    by_repository: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_repository[entry.repository].append(entry)
    lines = [MANIFEST_HEADER]
    counts, stand_ins = Counter(), []
    for repository, rows in by_repository.items():
        git_dir = mirrors / repository.replace("/", "+") / "repo"
        around, standing_in = _repository_context(git_dir, rows, per_repository)
        counts[repository] = len(around)
        stand_ins += [f"{repository}/{path}" for path in sorted(standing_in)]
        lines += [row.line() for row in [*rows, *around]]
        print(f"{repository}: {len(around)} context files", file=sys.stderr, flush=True)
    MANIFEST.write_text("\n".join(lines) + "\n")
    print(
        f"{sum(counts.values())} context files for {len(entries)} evidence files "
        f"in {sum(1 for c in counts.values() if c)} of {len(counts)} repositories",
        file=sys.stderr,
    )
    if stand_ins:
        print(
            f"{len(stand_ins)} evidence files are wanted as context at another commit "
            "(their evidence version stands in):",
            file=sys.stderr,
        )
        for path in stand_ins:
            print(f"  {path}", file=sys.stderr)


# --- run ---------------------------------------------------------------------------------


def _findings(paths: list[str], work: Path) -> tuple[dict[str, list[dict]], list[str]]:
    done = subprocess.run(
        [
            *MIGRATOR,
            "check",
            "--format",
            "json",
            "--no-cache",
            "--no-progress",
            "--exit-zero",
            *paths,
        ],
        capture_output=True,
        text=True,
        cwd=work,
    )
    try:
        report = json.loads(done.stdout)
    except ValueError:
        sys.exit(f"check printed no JSON:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    by_path: dict[str, list[dict]] = defaultdict(list)
    for finding in report.get("findings", []):
        by_path[finding["path"]].append(finding)
    return by_path, report.get("errors", report.get("summary", {}).get("errors", []))


_GONE_NAMES = {"HUMAN_PROMPT", "AI_PROMPT", "count_tokens", "get_tokenizer", "ApiException", "api"}


def _gone_reads(source: str) -> list[int]:
    """Lines that read a name the current SDK lacks from ``anthropic``."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError):
        return []
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.value.id == "anthropic" and node.attr in _GONE_NAMES:
                lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and node.module == "anthropic":
            if {a.name for a in node.names} & _GONE_NAMES:
                lines.append(node.lineno)
        elif (
            isinstance(node, ast.Call)
            and ast.unparse(node.func) == "anthropic.Client"
            and node.args
        ):
            lines.append(node.lineno)
    return lines


def _unmarked_gone_name(source: str) -> bool:
    """A read of a name the current SDK lacks with no `# migrator:` finding over its statement."""
    lines = source.splitlines()
    for number in _gone_reads(source):
        back = number - 1
        while back >= 0 and lines[back].strip() and "# migrator:" not in lines[back]:
            back -= 1
        if back < 0 or "# migrator:" not in lines[back]:
            return True
    return False


_VARYING = re.compile(r"`[^`]*`|'[^']*'|\"[^\"]*\"|\b\d+\b")


def reason(message: str) -> str:
    return _VARYING.sub("…", message)


def manual_kind(finding: dict) -> str:
    """The kind of docs/manual-reasons.md a finding falls under, as the tool classifies it
    (:mod:`migrator.core.manual_kinds`), in the words of the document's table; "other" when it
    places it under none."""
    kind = kind_of(finding["rule"], finding["message"])
    return "other" if kind is None else kind.label


def _held_by(findings: list[dict], migrated: str) -> str:
    """What holds a file back, as one label: the one kind of its findings, "several kinds",
    or, with no finding, what this script still counts as evidence: the legacy keys a call
    gives the run-time converter, which translates them as the call is sent (migrated in
    behaviour, not in text), or anything else (a keyword of the project's own function)."""
    kinds = {manual_kind(finding) for finding in findings}
    if not kinds:
        if "_legacy_request_to_messages(" in migrated:
            return "no finding: legacy keys left for the run-time converter"
        return "no finding: legacy text left (a keyword of the project's own function?)"
    return kinds.pop() if len(kinds) == 1 else "several kinds"


def _context_names() -> set[str]:
    """The corpus paths of the manifest's context files."""
    return {entry.name for entry in manifest_entries() if entry.role == "context"}


def _context_figures(row: dict, before: list[dict], after: list[dict]) -> Counter[str]:
    """What a context file adds to the context figures: it is there for the project around
    the evidence, so it counts apart, and none of these must show a fault but findings
    the tool reports (each one is printed)."""
    return Counter(
        {
            "files": 1,
            "changed": row["changed"],
            "outputs that no longer parse": row["broken"],
            "changed files reading a name the SDK lacks": row["reads_gone_name"],
            "with evidence of their own (judged here)": bool(row["evidence"]),
            "with findings before migrate": bool(before),
            "with findings after migrate": bool(after),
        }
    )


def _print_context(around: Counter[str], findings: list[str]) -> None:
    print(
        "context files (modules that import an evidence file or that one imports; "
        "not in the figures above):"
    )
    for key in (
        "files",
        "changed",
        "outputs that no longer parse",
        "changed files reading a name the SDK lacks",
        "with evidence of their own (judged here)",
        "with findings before migrate",
        "with findings after migrate",
    ):
        print(f"  {key}: {around[key]}")
    for line in findings:
        print(f"    {line}")


def run(corpus: Path, keep: Path | None, verbose: bool) -> int:
    files = sorted(p for p in corpus.rglob("*") if p.suffix in (".py", ".ipynb") and p.is_file())
    if not files:
        sys.exit(f"no corpus at {corpus}: run `bench/realworld.py gather` first")
    work = Path(tempfile.mkdtemp(prefix="realworld-")) if keep is None else keep
    if keep is not None and keep.exists():
        shutil.rmtree(keep)
    shutil.copytree(corpus, work, dirs_exist_ok=True)
    relative = [str(p.relative_to(corpus)) for p in files]
    before, errors_before = _findings(relative, work)
    migrated = subprocess.run(
        [*MIGRATOR, "migrate", "--no-cache", "--no-progress", "-q", *relative],
        capture_output=True,
        text=True,
        cwd=work,
    )
    errors_migrate = [
        line
        for line in (migrated.stdout + migrated.stderr).splitlines()
        if line.startswith("Error:")
    ]
    after, _ = _findings(relative, work)

    rows, manual_reasons, manual_kinds = [], Counter(), Counter()
    sole_reasons: Counter[str] = Counter()
    held_by: Counter[str] = Counter()  # the kinds of what holds a file back, in one label
    totals = Counter()
    context_names = _context_names()
    around = Counter()  # the context files' figures, apart from the rest
    around_findings: list[str] = []
    owns: dict[str, frozenset[str]] = {}  # by repository folder
    for name, original in zip(relative, files, strict=True):
        source = python_of(original)
        repository = Path(name).parts[0]
        if repository not in owns:
            owns[repository] = repository_own(corpus / repository)
        found = evidence(source, owns[repository])
        migrated_path = work / name
        new = python_of(migrated_path)
        changed = new != source
        row = {
            "file": name,
            "evidence": found,
            "findings": len(before.get(name, [])),
            "remaining": len(after.get(name, [])),
            "changed": changed,
        }
        try:
            ast.parse(new)
            broken = False
        except SyntaxError:
            try:
                ast.parse(source)
                broken = True
            except SyntaxError:
                broken = False  # it did not parse before either
        row["broken"] = broken
        left = evidence(new, owns[repository])
        gone = changed and _unmarked_gone_name(new)
        row["left_evidence"], row["reads_gone_name"] = left, gone
        if before.get(name) and original.suffix == ".py":
            # the two tiers of the prefilter never reject a file the rules act on
            raw = original.read_bytes()
            totals["files with findings the prefilter rejects"] += not (
                may_contain_legacy(raw) and needs_rules(raw)
            )
        if name in context_names:
            row["context"] = True
            around.update(_context_figures(row, before.get(name, []), after.get(name, [])))
            around_findings += [
                f"{name}:{f.get('line', '?')}: {f['rule']} {f['message']}"
                for f in after.get(name, [])
            ]
            rows.append(row)
            continue
        if found:
            totals["with evidence"] += 1
            if not before.get(name) and not any(name in e for e in errors_before):
                totals["silent misses"] += 1
                row["silent"] = True
            if not after.get(name) and not left:
                totals["fully migrated"] += 1
            held = {f"{f['rule']} {reason(f['message'])}" for f in after.get(name, [])}
            if len(held) == 1:
                sole_reasons[held.pop()] += 1
            if after.get(name) or left:
                held_by[_held_by(after.get(name, []), new)] += 1
        totals["outputs that no longer parse"] += broken
        totals["changed files reading a name the SDK lacks"] += gone
        totals["changed"] += changed
        totals["lines made longer than the file's style"] += sum(1 for _ in long_lines(source, new))
        for finding in after.get(name, []):
            manual_reasons[f"{finding['rule']} {reason(finding['message'])}"] += 1
            manual_kinds[manual_kind(finding)] += 1
        rows.append(row)

    for row in rows:
        if verbose or row.get("silent") or row["broken"] or row["reads_gone_name"]:
            flags = [k for k in ("context", "silent", "broken", "reads_gone_name") if row.get(k)]
            print(
                f"{row['file']}: evidence={','.join(row['evidence']) or '-'} findings={row['findings']} "
                f"remaining={row['remaining']} left={','.join(row['left_evidence']) or '-'} "
                f"{' '.join(flags)}"
            )
    print()
    print(f"files: {len(files)} from {len({r.split('/')[0] for r in relative})} repositories")
    if around["files"]:
        print(f"  of which context files, counted apart (below): {around['files']}")
    for key in (
        "with evidence",
        "silent misses",
        "fully migrated",
        "changed",
        "outputs that no longer parse",
        "changed files reading a name the SDK lacks",
        "files with findings the prefilter rejects",
        "lines made longer than the file's style",
    ):
        print(f"  {key}: {totals[key]}")
    if totals["with evidence"]:
        share = 100 * totals["fully migrated"] / totals["with evidence"]
        print(f"  fully migrated share: {share:.1f}%")
    print(f"  errors reported by check: {len(errors_before)}")
    print(f"  errors reported by migrate: {len(errors_migrate)}")
    for line in errors_migrate:
        print(f"    {line}")
    print("findings left after migrate, by kind (docs/manual-reasons.md):")
    for text, count in manual_kinds.most_common():
        print(f"  {count:4d}  {text}")
    print("findings left after migrate, by reason:")
    for text, count in manual_reasons.most_common():
        print(f"  {count:4d}  {text}")
    print("files not fully migrated, by the kinds of what is left in them:")
    for text, count in held_by.most_common():
        print(f"  {count:4d}  {text}")
    print("files held back by one reason alone (fixing it would migrate them fully):")
    for text, count in sole_reasons.most_common():
        print(f"  {count:4d}  {text}")
    if around["files"]:
        _print_context(around, around_findings)
    if keep is None:
        shutil.rmtree(work)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command")  # none: `run` on the default corpus
    scan_parser = sub.add_parser("scan", help="print manifest lines for git snapshots")
    scan_parser.add_argument("git_dirs", nargs="+", type=Path)
    scan_parser.add_argument("--per-repository", type=int, default=PER_REPOSITORY)
    context_parser = sub.add_parser(
        "context", help="list anew the context rows of the manifest's evidence files"
    )
    context_parser.add_argument("--mirrors", type=Path, default=MIRRORS)
    context_parser.add_argument("--per-repository", type=int, default=CONTEXT_PER_REPOSITORY)
    gather_parser = sub.add_parser(
        "gather", help="write the manifest's files into the corpus folder"
    )
    gather_parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    gather_parser.add_argument("--mirrors", type=Path, default=MIRRORS)
    run_parser = sub.add_parser(
        "run", help="check and migrate a copy of the corpus, and print the figures"
    )
    run_parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    run_parser.add_argument("--keep", type=Path, help="migrate into this folder and keep it")
    run_parser.add_argument("-v", "--verbose", action="store_true", help="a line for every file")
    args = parser.parse_args()
    if args.command == "scan":
        scan(args.git_dirs, args.per_repository)
        return 0
    if args.command == "context":
        context(args.mirrors, args.per_repository)
        return 0
    if args.command == "gather":
        gather(args.corpus, args.mirrors)
        return 0
    if args.command is None:
        return run(DEFAULT_CORPUS, None, False)
    return run(args.corpus, args.keep, args.verbose)


if __name__ == "__main__":
    sys.exit(main())
