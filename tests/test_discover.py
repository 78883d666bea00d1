from __future__ import annotations

import errno
import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from migrator.files import discover as discover_module
from migrator.files.discover import Discovery, discover
from migrator.files.excludes import DEFAULT_EXCLUDES
from migrator.files.gitignore import IgnoreRules, compile_pattern, parse_patterns


def make(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def names(found: Discovery) -> list[str]:
    return [path.as_posix() for path in found.files]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from tmp_path, so paths can be given the way a user types them."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def git_repo(root: Path) -> None:
    """Enough of a repository for discovery, which never runs git."""
    (root / ".git" / "info").mkdir(parents=True)


# --- pattern semantics ----------------------------------------------------------------------


def matches(pattern: str, path: str, is_dir: bool = False) -> bool:
    compiled = compile_pattern(pattern)
    assert compiled is not None
    return compiled.matches(path, path.rpartition("/")[2], is_dir)


@pytest.mark.parametrize(
    ("pattern", "path", "is_dir", "expected"),
    [
        # without a slash: the name, at any depth
        ("*.py", "a.py", False, True),
        ("*.py", "x/y/a.py", False, True),
        ("*.py", "a.pyc", False, False),
        ("gen", "x/gen", True, True),
        # a slash at the start or in the middle anchors to the ignore file's folder
        ("/a.py", "a.py", False, True),
        ("/a.py", "x/a.py", False, False),
        ("x/a.py", "x/a.py", False, True),
        ("x/a.py", "y/x/a.py", False, False),
        # wildcards stop at "/"
        ("x/*.py", "x/a.py", False, True),
        ("x/*.py", "x/y/a.py", False, False),
        ("x?y/a", "x/y/a", False, False),
        ("x[/]y/a", "x/y/a", False, False),
        ("x/?.py", "x/a.py", False, True),
        # trailing slash: folders only
        ("build/", "build", True, True),
        ("build/", "build", False, False),
        ("build/", "src/build", True, True),
        ("/build/", "src/build", True, False),
        # "**"
        ("**/foo", "foo", False, True),
        ("**/foo", "a/b/foo", False, True),
        ("**/foo/bar", "a/foo/bar", False, True),
        ("a/**/b", "a/b", False, True),
        ("a/**/b", "a/x/y/b", False, True),
        ("a/**/b", "a/xb", False, False),
        ("a/**", "a/x/y", False, True),
        ("a/**", "a", True, False),
        ("**", "any/thing", False, True),
        ("a/**/", "a/x", True, True),
        ("a/**/", "a/x", False, False),
        ("x**y/z", "xay/z", False, True),  # "**" inside a component is a plain "*"...
        ("a/x**y", "a/x/q/y", False, False),
        ("b**/c", "ba/x/c", False, True),  # ...except right after the literal start, as in git
        # brackets
        ("[ab].py", "b.py", False, True),
        ("[!ab].py", "b.py", False, False),
        ("[^ab].py", "c.py", False, True),
        ("[a-c].py", "b.py", False, True),
        ("[]].py", "].py", False, True),
        ("[a-].py", "-.py", False, True),
        ("[[:digit:]].py", "7.py", False, True),
        ("[[:upper:]].py", "a.py", False, False),
        ("[z-a].py", "m.py", False, False),
        # escapes and spaces
        ("\\#a", "#a", False, True),
        ("\\!a", "!a", False, True),
        ("a\\*", "a*", False, True),
        ("a\\*", "ab", False, False),
        ("a  ", "a", False, True),
        ("a\\ ", "a ", False, True),
        ("a\\ ", "a", False, False),
        ("a\t", "a\t", False, True),
    ],
)
def test_pattern(pattern: str, path: str, is_dir: bool, expected: bool) -> None:
    assert matches(pattern, path, is_dir) is expected


@pytest.mark.parametrize("line", ["", "   ", "# comment", "!", "/", "[ab", "a\\", "[[:nope:]]"])
def test_lines_that_match_nothing(line: str) -> None:
    assert compile_pattern(line) is None


def test_negation_and_comments() -> None:
    negated = compile_pattern("!keep.py")
    assert negated is not None and negated.negated
    assert [p.negated for p in parse_patterns("# c\r\n*.py\r\n\r\n!a.py\n")] == [False, True]


def test_later_patterns_and_deeper_files_win() -> None:
    rules = IgnoreRules().with_patterns("", parse_patterns("*.py\n!keep*.py\nkeep2.py\n"))
    assert rules.is_ignored("a.py", is_dir=False)
    assert not rules.is_ignored("keep1.py", is_dir=False)
    assert rules.is_ignored("keep2.py", is_dir=False)
    deeper = rules.with_patterns("sub", parse_patterns("!a.py\n"))
    assert not deeper.is_ignored("sub/a.py", is_dir=False)
    assert deeper.is_ignored("sub/b.py", is_dir=False)
    assert not rules.is_ignored("README", is_dir=False)


# --- the walk -------------------------------------------------------------------------------


def test_finds_python_files_as_paths_below_the_given_folder(here: Path) -> None:
    make(here, {"proj/a.py": "", "proj/pkg/b.py": "", "proj/notes.txt": "", "proj/c.pyi": ""})
    assert names(discover([Path("proj")])) == ["proj/a.py", "proj/pkg/b.py"]
    assert names(discover([Path("proj")], extensions=(".py", ".pyi"))) == [
        "proj/a.py",
        "proj/c.pyi",
        "proj/pkg/b.py",
    ]


def test_notebooks_and_dependency_files_by_name(here: Path) -> None:
    from migrator.files import filekinds

    make(
        here,
        {
            "p/a.py": "",
            "p/nb.ipynb": "",
            "p/requirements-dev.txt": "",
            "p/sub/pyproject.toml": "",
            "p/sub/setup.cfg": "",
            "p/notes.txt": "",
            "p/setup.cfg.bak": "",
            "p/old/requirements.txt": "",
            "p/.venv/requirements.txt": "",
            "p/.gitignore": "old/\n",
        },
    )
    found = discover(
        [Path("p")], extensions=filekinds.EXTENSIONS, filenames=filekinds.DEPENDENCY_FILES
    )
    assert names(found) == [
        "p/a.py",
        "p/nb.ipynb",
        "p/requirements-dev.txt",
        "p/sub/pyproject.toml",
        "p/sub/setup.cfg",
    ]
    excluded = discover(
        [Path("p")],
        exclude=["sub/*"],
        extensions=filekinds.EXTENSIONS,
        filenames=filekinds.DEPENDENCY_FILES,
    )
    assert names(excluded) == ["p/a.py", "p/nb.ipynb", "p/requirements-dev.txt"]


def test_current_folder_gives_bare_relative_paths(here: Path) -> None:
    make(here, {"a.py": "", "pkg/b.py": ""})
    assert names(discover([Path(".")])) == ["a.py", "pkg/b.py"]


def test_absolute_folder_gives_absolute_paths(tmp_path: Path) -> None:
    make(tmp_path, {"a.py": ""})
    assert discover([tmp_path]).files == [tmp_path / "a.py"]


def test_order_is_by_path_string_and_stable(here: Path) -> None:
    make(here, {"p/a-b.py": "", "p/a/b.py": "", "p/a.py": "", "p/B.py": "", "p/_.py": ""})
    first = names(discover([Path("p")]))
    assert first == ["p/B.py", "p/_.py", "p/a-b.py", "p/a.py", "p/a/b.py"]
    assert names(discover([Path("p")])) == first


def test_default_excludes(here: Path) -> None:
    skipped = [
        ".git/hook.py",
        ".hg/x.py",
        ".svn/x.py",
        ".venv/lib/x.py",
        "venv/lib/x.py",
        "__pycache__/x.py",
        "node_modules/pkg/x.py",
        "build/lib/x.py",
        "dist/x.py",
        ".tox/py311/x.py",
        ".nox/x.py",
        ".mypy_cache/x.py",
        ".pytest_cache/x.py",
        ".ruff_cache/x.py",
        ".migrator_cache/x.py",
        "lib/site-packages/x.py",
        "mypkg.egg-info/x.py",
        "env/lib/x.py",  # a virtual environment: it holds pyvenv.cfg
        "myenv/bin/x.py",
        "pkg/deep/tools-venv/x.py",
    ]
    make(here, {f"p/{name}": "" for name in skipped})
    make(
        here,
        {"p/env/pyvenv.cfg": "", "p/myenv/pyvenv.cfg": "", "p/pkg/deep/tools-venv/pyvenv.cfg": ""},
    )
    make(here, {"p/app.py": "", "p/environment/x.py": "", "p/pkg/deep/ok.py": ""})
    assert names(discover([Path("p")])) == ["p/app.py", "p/environment/x.py", "p/pkg/deep/ok.py"]
    assert "*.egg-info" in DEFAULT_EXCLUDES and "env" not in DEFAULT_EXCLUDES


def test_an_env_folder_without_pyvenv_cfg_is_ordinary(here: Path) -> None:
    make(here, {"p/env/settings.py": ""})
    assert names(discover([Path("p")])) == ["p/env/settings.py"]


def test_a_given_folder_is_walked_even_if_it_would_be_excluded(here: Path) -> None:
    make(
        here,
        {"build/gen.py": "", "build/__pycache__/x.py": "", "venv/pyvenv.cfg": "", "venv/x.py": ""},
    )
    assert names(discover([Path("build"), Path("venv")])) == ["build/gen.py", "venv/x.py"]


def test_a_given_file_is_always_included(here: Path) -> None:
    git_repo(here)
    make(
        here,
        {
            ".gitignore": "*.py\n",
            ".venv/tool.py": "",
            "legacy.py": "",
            "script": "",
            "ignored.py": "",
        },
    )
    found = discover(
        [Path("ignored.py"), Path("legacy.py"), Path("script"), Path(".venv/tool.py")],
        exclude=["legacy.py"],
    )
    assert names(found) == [".venv/tool.py", "ignored.py", "legacy.py", "script"]
    assert found.problems == []


def test_force_exclude_applies_the_excludes_to_given_paths(here: Path) -> None:
    git_repo(here)
    make(
        here,
        {
            ".gitignore": "ignored.py\n",
            "app.py": "",
            "ignored.py": "",
            "legacy.py": "",
            "src/vendored/lib.py": "",
            "src/keep.py": "",
            ".venv/tool.py": "",
            "build/gen.py": "",
            "env/pyvenv.cfg": "",
            "env/lib/x.py": "",
            "gone/missing_by_glob.py": "",
        },
    )
    given = [
        Path("app.py"),
        Path("ignored.py"),  # .gitignore is not consulted for a file named
        Path("legacy.py"),
        here / "src" / "vendored" / "lib.py",  # an absolute path, from the current folder
        Path("src/keep.py"),
        Path(".venv/tool.py"),
        Path("build"),  # a given folder that a walk would skip
        Path("env/lib/x.py"),  # below a virtual environment of another name
        Path("gone/not_there.py"),  # excluded before it is looked at: no problem reported
    ]
    exclude = ["legacy.py", "src/vendored/*", "gone"]
    forced = discover(given, exclude=exclude, force_exclude=True)
    assert names(forced) == ["app.py", "ignored.py", "src/keep.py"]
    assert forced.problems == []
    taken = discover(given[:-1], exclude=exclude)
    assert len(taken.files) == 8 and taken.problems == []


def test_force_exclude_matches_from_the_current_folder(here: Path) -> None:
    make(here, {"p/tests/data/case.py": "", "p/app.py": ""})
    given = [Path("p/tests/data/case.py"), Path("p/app.py")]
    # The globs mean what they mean for a walk of the current folder...
    assert names(discover(given, exclude=["p/tests/*"], force_exclude=True)) == ["p/app.py"]
    # ...so a glob relative to p/ does not reach p/tests/, as `check .` would not skip it.
    assert len(discover(given, exclude=["tests/*"], force_exclude=True).files) == 2
    assert names(discover([Path(".")], exclude=["tests/*"])) == ["p/app.py", "p/tests/data/case.py"]


def test_missing_path_is_a_problem(here: Path) -> None:
    make(here, {"a.py": ""})
    found = discover([Path("nope.py"), Path("a.py"), Path("nope.py")])
    assert names(found) == ["a.py"]
    assert len(found.problems) == 1
    assert found.problems[0].path == Path("nope.py")
    assert "does not exist" in found.problems[0].message


def test_dangling_symlink_given_explicitly(here: Path) -> None:
    Path("broken.py").symlink_to("missing.py")
    [problem] = discover([Path("broken.py")]).problems
    assert "dangling symbolic link" in problem.message and "missing.py" in problem.message


def test_symlink_loop_given_explicitly(here: Path) -> None:
    Path("a.py").symlink_to("b.py")
    Path("b.py").symlink_to("a.py")
    found = discover([Path("a.py")])
    assert found.files == []
    assert "symbolic link loop" in found.problems[0].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_given_explicitly_is_a_problem(here: Path) -> None:
    os.mkfifo("pipe.py")
    assert "not a regular file" in discover([Path("pipe.py")]).problems[0].message


def test_symlinks_inside_folders(here: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    make(outside, {"shared.py": "", "pkg/inner.py": ""})
    make(here, {"p/real.py": ""})
    Path("p/alias.py").symlink_to("real.py")  # the same file twice: listed once, directly
    Path("p/shared.py").symlink_to(outside / "shared.py")  # a file elsewhere: listed by link
    Path("p/pkg").symlink_to(outside / "pkg", target_is_directory=True)  # folders: not followed
    Path("p/dangling.py").symlink_to("nowhere.py")  # skipped, and reported
    Path("p/loop1.py").symlink_to("loop2.py")
    Path("p/loop2.py").symlink_to("loop1.py")
    Path("p/here").symlink_to(".", target_is_directory=True)  # would loop if followed
    found = discover([Path("p")])
    assert names(found) == ["p/real.py", "p/shared.py"]
    assert [(str(problem.path), problem.message) for problem in found.problems] == [
        ("p/dangling.py", "dangling symbolic link (to nowhere.py); fix or remove the link"),
        ("p/loop1.py", "symbolic link loop; fix the link"),
        ("p/loop2.py", "symbolic link loop; fix the link"),
    ]


def test_symlinked_root_folder_is_followed(here: Path) -> None:
    make(here, {"real/a.py": ""})
    Path("alias").symlink_to("real", target_is_directory=True)
    assert names(discover([Path("alias")])) == ["alias/a.py"]
    assert names(discover([Path("real"), Path("alias")])) == ["real/a.py"]


def test_each_file_once_when_folders_repeat_or_nest(here: Path) -> None:
    make(here, {"p/a.py": "", "p/sub/b.py": ""})
    found = discover([Path("p"), Path("p/sub"), Path("p"), Path("p/sub/b.py"), Path("./p")])
    assert names(found) == ["p/a.py", "p/sub/b.py"]


def test_nested_given_folder_has_its_own_relative_excludes(here: Path) -> None:
    make(here, {"p/sub/b.py": "", "p/sub/c.py": ""})
    assert names(discover([Path("p"), Path("p/sub")], exclude=["sub/*"])) == [
        "p/sub/b.py",
        "p/sub/c.py",
    ]
    assert names(discover([Path("p")], exclude=["sub/*"])) == []


def test_exclude_globs(here: Path) -> None:
    make(
        here,
        {
            "p/app.py": "",
            "p/tests/data/case.py": "",
            "p/tests/data/deep/more.py": "",
            "p/tests/test_app.py": "",
            "p/proto/api_pb2.py": "",
            "p/legacy/old.py": "",
            "p/vendor/legacy/x.py": "",
            "p/old/x.py": "",
        },
    )
    found = discover([Path("p")], exclude=["tests/data/*", "*_pb2.py", "legacy", "old/"])
    assert names(found) == ["p/app.py", "p/tests/test_app.py"]


def test_unlistable_folder_is_a_problem(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make(here, {"p/a.py": "", "p/secret/b.py": ""})
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if Path(path) == Path("p/secret"):
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(discover_module.os, "scandir", scandir)
    found = discover([Path("p")])
    assert names(found) == ["p/a.py"]
    [problem] = found.problems
    assert problem.path == Path("p/secret")
    assert "permission denied: cannot list folder" in problem.message


# --- .gitignore during the walk -------------------------------------------------------------


def test_gitignore_rules(here: Path) -> None:
    git_repo(here)
    make(
        here,
        {
            ".gitignore": "\n".join(
                [
                    "# generated code",
                    "*_gen.py",
                    "!keep_gen.py",
                    "/top_only.py",
                    "out/",
                    "cache",
                    "docs/**/conf.py",
                    "vendored/",
                    "!vendored/mine.py",  # cannot come back: its folder is excluded
                    "data/*",
                    "!data/fixture.py",  # can: only the files were excluded
                    "",
                ]
            ),
            "a_gen.py": "",
            "keep_gen.py": "",
            "top_only.py": "",
            "pkg/top_only.py": "",
            "out/x.py": "",
            "pkg/out/x.py": "",
            "pkg/cache/x.py": "",
            "pkg/out.py": "",
            "docs/conf.py": "",
            "docs/a/b/conf.py": "",
            "docs/a/other.py": "",
            "vendored/mine.py": "",
            "data/thing.py": "",
            "data/fixture.py": "",
            "main.py": "",
        },
    )
    assert names(discover([Path(".")])) == [
        "data/fixture.py",
        "docs/a/other.py",
        "keep_gen.py",
        "main.py",
        "pkg/out.py",
        "pkg/top_only.py",
    ]
    assert len(discover([Path(".")], respect_gitignore=False).files) == 15


def test_nested_gitignore_applies_below_and_overrides(here: Path) -> None:
    git_repo(here)
    make(
        here,
        {
            ".gitignore": "*.py\n!*/\n!main.py\n",
            "main.py": "",
            "lib/a.py": "",
            "lib/.gitignore": "!a.py\n/b.py\n",
            "lib/b.py": "",
            "lib/sub/a.py": "",
            "lib/sub/b.py": "",
            "other/a.py": "",
        },
    )
    assert names(discover([Path(".")])) == ["lib/a.py", "lib/sub/a.py", "main.py"]


def test_ignore_files_above_the_given_folder_apply_inside_a_repository(here: Path) -> None:
    git_repo(here)
    make(
        here,
        {
            ".git/info/exclude": "*_local.py\n",
            ".gitignore": "src/pkg/gen/\n*.tmp.py\n",
            "src/.gitignore": "pkg/skip.py\n",
            "src/pkg/a.py": "",
            "src/pkg/a_local.py": "",
            "src/pkg/x.tmp.py": "",
            "src/pkg/skip.py": "",
            "src/pkg/gen/g.py": "",
        },
    )
    assert names(discover([Path("src/pkg")])) == ["src/pkg/a.py"]


def test_gitignore_of_the_repository_root_that_is_given(here: Path) -> None:
    git_repo(here / "repo")
    make(here, {"repo/.git/info/exclude": "secret.py\n", "repo/.gitignore": "b.py\n"})
    make(here, {"repo/a.py": "", "repo/b.py": "", "repo/secret.py": ""})
    assert names(discover([Path("repo")])) == ["repo/a.py"]


def test_outside_a_repository_only_the_walked_folders_ignore_files_count(here: Path) -> None:
    make(here, {".gitignore": "*.py\n", "p/a.py": "", "p/.gitignore": "b.py\n", "p/b.py": ""})
    assert names(discover([Path("p")])) == ["p/a.py"]


def test_a_nested_repository_has_its_own_rules(here: Path) -> None:
    git_repo(here)
    git_repo(here / "sub")
    make(
        here,
        {".gitignore": "x.py\n", "x.py": "", "sub/x.py": "", "sub/.git/info/exclude": "y.py\n"},
    )
    make(here, {"sub/y.py": "", "y.py": ""})
    assert names(discover([Path(".")])) == ["sub/x.py", "y.py"]


def test_worktree_style_git_file_points_to_the_exclude_file(here: Path) -> None:
    make(
        here,
        {
            "main-repo/.git/info/exclude": "shared_ignore.py\n",
            "main-repo/.git/worktrees/wt/commondir": "../..\n",
            "wt/.git": f"gitdir: {here / 'main-repo/.git/worktrees/wt'}\n",
            "wt/a.py": "",
            "wt/shared_ignore.py": "",
        },
    )
    assert names(discover([Path("wt")])) == ["wt/a.py"]


def test_gitignore_is_not_read_through_a_symlink(here: Path) -> None:
    git_repo(here)
    make(here, {"rules.txt": "a.py\n", "a.py": ""})
    Path(".gitignore").symlink_to("rules.txt")
    assert names(discover([Path(".")])) == ["a.py"]


def test_unreadable_gitignore_is_a_problem(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git_repo(here)
    make(here, {".gitignore": "a.py\n", "a.py": "", "b.py": ""})

    real_read = discover_module.read_patterns

    def unreadable(path: Path) -> object:
        if path.name == ".gitignore":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_read(path)

    monkeypatch.setattr(discover_module, "read_patterns", unreadable)
    found = discover([Path(".")])
    assert names(found) == ["a.py", "b.py"]
    [problem] = found.problems
    assert problem.path == Path(".gitignore") and "rules were not applied" in problem.message


# --- agreement with git itself --------------------------------------------------------------

_NAMES = ["a", "b", "ab", "a.py", "b.py", "c", "a b", "a*", "[a]", "!a", "#a", "A"]
_ATOMS = [
    "*",
    "?",
    "**",
    "***",
    "[ab]",
    "[!a]",
    "[a-b]",
    "[]a]",
    "\\*",
    "[[:alpha:]]",
    "a**",
    "\\ ",
    " ",
]


def _random_tree(rng: random.Random, prefix: str = "", depth: int = 0) -> list[tuple[str, bool]]:
    tree = []
    for name in rng.sample(_NAMES, rng.randint(1, 4)):
        path = prefix + name
        is_dir = depth < 3 and rng.random() < 0.45
        tree.append((path, is_dir))
        if is_dir:
            tree += _random_tree(rng, path + "/", depth + 1)
    return tree


def _random_pattern(rng: random.Random) -> str:
    parts = [
        "".join(rng.choice(_ATOMS + _NAMES) for _ in range(rng.randint(1, 2)))
        for _ in range(rng.randint(1, 3))
    ]
    pattern = "/".join(parts)
    for chance, before, after in ((0.2, "/", ""), (0.25, "", "/"), (0.3, "!", "")):
        if rng.random() < chance:
            pattern = before + pattern + after
    return pattern


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize("seed", range(12))
def test_agrees_with_git_ls_files(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    tree = _random_tree(rng)
    for path, is_dir in tree:
        if is_dir:
            (repo / path).mkdir(parents=True, exist_ok=True)
        else:
            make(repo, {path: ""})
    folders = [""] + [path for path, is_dir in tree if is_dir]
    for folder in rng.sample(folders, min(len(folders), 3)):
        lines = [_random_pattern(rng) for _ in range(rng.randint(2, 6))]
        (repo / folder / ".gitignore").write_text("\n".join(lines) + "\n")
    (repo / ".git/info/exclude").write_text(_random_pattern(rng) + "\n")
    listed = subprocess.run(
        ["git", "-C", str(repo), "ls-files", "--others", "--exclude-standard", "-z"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    expected = sorted(name for name in listed.split("\0") if name)
    found = discover([repo], extensions=("",))
    assert sorted(path.relative_to(repo).as_posix() for path in found.files) == expected


def test_a_tree_without_ignore_files_or_excludes_asks_no_rules_per_file(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each file costs its name's test only; a broken link is still reported."""
    make(here, {"a.py": "", "pkg/b.py": "", "pkg/notes.txt": ""})
    (here / "pkg" / "gone.py").symlink_to(here / "missing.py")

    def asked(*args: object, **kwargs: object) -> bool:
        raise AssertionError("the rules were asked")

    monkeypatch.setattr(IgnoreRules, "is_ignored", asked)
    monkeypatch.setattr(discover_module, "user_excluded", asked)
    found = discover([Path(".")])
    assert names(found) == ["a.py", "pkg/b.py"]
    assert [problem.path.name for problem in found.problems] == ["gone.py"]
    git_repo(here)
    (here / ".gitignore").write_text("b.py\n")
    with pytest.raises(AssertionError, match="asked"):
        discover([Path(".")])
