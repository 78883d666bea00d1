"""The package as users get it: a wheel and an sdist, built, installed alone, and run.

``python -m build`` makes the sdist from a copy of this checkout and the wheel from the
sdist, as a release does; the wheel is installed into a new virtual environment with
nothing else, and its commands, ``python -m migrator`` and its pytest plugin run from a
folder outside the checkout, so nothing of the repository is importable. Building and
installing need the package index (build isolation fetches setuptools; pip fetches the
dependencies), as CI has. One build and one environment serve the whole session.
"""

from __future__ import annotations

import configparser
import json
import re
import subprocess
import sys
import tarfile
import textwrap
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from checkout import ROOT, clean_environment, copy_checkout, distribution_name
from packaging.metadata import Metadata
from packaging.specifiers import SpecifierSet
from packaging.version import Version

import migrator

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

DISTRIBUTION = distribution_name()
PIP = ("-m", "pip", "install", "--quiet", "--disable-pip-version-check")


@dataclass(frozen=True)
class Built:
    wheel: Path
    sdist: Path
    checkout: Path


@dataclass(frozen=True)
class Installed:
    """A virtual environment holding the wheel and its dependencies, nothing more."""

    root: Path
    extras: Path  # pytest and trove-classifiers, put on PYTHONPATH only where they are needed

    def command(self, name: str) -> str:
        return str(self.root / "bin" / name)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    checkout = copy_checkout(tmp_path_factory.mktemp("checkout"))
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(checkout)],
        check=True,
        capture_output=True,
        env=clean_environment(),
    )
    (wheel,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    return Built(wheel, sdist, checkout)


@pytest.fixture(scope="session")
def installed(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("wheel-venv")
    subprocess.run([sys.executable, "-m", "venv", str(root)], check=True)
    python = str(root / "bin" / "python")
    env = clean_environment()
    subprocess.run([python, *PIP, str(built.wheel)], check=True, env=env)
    extras = tmp_path_factory.mktemp("extras")
    subprocess.run(
        [python, *PIP, "--target", str(extras), "pytest", "trove-classifiers"], check=True, env=env
    )
    return Installed(root, extras)


def run(command: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, env=clean_environment(**env), timeout=300
    )


# --- what the wheel installs runs on its own ------------------------------------------------


def test_both_commands_run_from_the_wheel(installed: Installed, built: Built, tmp_path: Path):
    examples = built.checkout / "examples"
    for name in ("migrator", DISTRIBUTION):
        version = run([installed.command(name), "--version"], tmp_path)
        assert version.stdout == f"migrator {migrator.__version__}\n"
        check = run([installed.command(name), "check", "--no-progress", str(examples)], tmp_path)
        assert check.returncode == 1, check.stderr
        assert "TCM001" in check.stdout and "summarise.py" in check.stdout
    rules = run([installed.command("migrator"), "rules"], tmp_path)
    assert rules.returncode == 0 and "TCM020" in rules.stdout


def test_python_dash_m_migrator_runs_from_the_wheel(installed: Installed, tmp_path: Path):
    legacy = tmp_path / "legacy.py"
    legacy.write_text(
        "import anthropic\n\nclient = anthropic.Anthropic()\n"
        'r = client.completions.create(model="claude-2.1", max_tokens_to_sample=5,\n'
        '                              prompt=f"{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}")\n'
    )
    python = installed.command("python")
    diff = run(
        [python, "-m", "migrator", "migrate", "--diff", "--no-progress", "legacy.py"], tmp_path
    )
    assert diff.returncode == 1, diff.stderr
    assert "+r = client.messages.create(" in diff.stdout
    explain = run([python, "-m", "migrator", "explain", "TCM001"], tmp_path)
    assert explain.returncode == 0 and explain.stdout.startswith("# TCM001")


def test_the_wheel_ships_the_rules_inside_migrator_only(installed: Installed, tmp_path: Path):
    probe = textwrap.dedent(
        """
        import importlib.util, json, pathlib, sysconfig
        import migrator.rules.prompt
        site = pathlib.Path(sysconfig.get_paths()["purelib"])
        print(json.dumps({
            "top_level_rules": (site / "rules").exists() or importlib.util.find_spec("rules") is not None,
            "rules_from": str(pathlib.Path(migrator.rules.prompt.__file__).relative_to(site)),
        }))
        """
    )
    answer = run([installed.command("python"), "-c", probe], tmp_path)
    assert json.loads(answer.stdout) == {
        "top_level_rules": False,
        "rules_from": str(Path("migrator", "rules", "prompt", "__init__.py")),
    }, answer.stderr


def test_the_pytest_plugin_comes_with_the_wheel(installed: Installed, tmp_path: Path):
    # A user's test file: it imports nothing from migrator, and gets the fixture through the
    # pytest11 entry point of the installed wheel.
    (tmp_path / "test_user.py").write_text(
        textwrap.dedent(
            """
            import json, os, urllib.request


            def test_the_fixture_serves_messages(fake_anthropic):
                fake_anthropic.reply("Hello.")
                request = urllib.request.Request(
                    os.environ["ANTHROPIC_BASE_URL"] + "/v1/messages",
                    data=json.dumps({"model": "claude-haiku-4-5", "max_tokens": 9,
                                     "messages": [{"role": "user", "content": "Hi"}]}).encode(),
                    headers={"content-type": "application/json",
                             "anthropic-version": "2023-06-01",
                             "x-api-key": os.environ["ANTHROPIC_API_KEY"]},
                )
                opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
                with opener.open(request, timeout=10) as answer:
                    assert json.load(answer)["content"][0]["text"] == "Hello."
                assert [r["path"] for r in fake_anthropic.requests] == ["/v1/messages"]
            """
        )
    )
    tests = run(
        [installed.command("python"), "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        tmp_path,
        PYTHONPATH=str(installed.extras),
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "1 passed" in tests.stdout


# --- what the package index shows --------------------------------------------------------------


def _metadata(wheel: Path) -> Metadata:
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        # validate=True raises on any field the core metadata specification does not allow.
        return Metadata.from_email(archive.read(name), validate=True)


def test_the_metadata_says_what_it_is_and_where_it_lives(built: Built):
    metadata = _metadata(built.wheel)
    assert metadata.name == DISTRIBUTION and metadata.version == Version(migrator.__version__)
    assert metadata.summary and "Text Completions" in metadata.summary
    assert "Messages" in metadata.summary and "\n" not in metadata.summary
    assert metadata.keywords
    urls = metadata.project_urls or {}
    source = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["urls"]["Source"]
    assert urls["Source"] == source
    assert {"Documentation", "Changelog", "Issues"} <= set(urls)
    assert [url for url in urls.values() if not url.startswith(source)] == []


def test_the_readme_is_the_description_and_markdown(built: Built):
    metadata = _metadata(built.wheel)
    # Without a content type the index renders the description as reStructuredText.
    assert metadata.description_content_type == "text/markdown"
    assert metadata.description == (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_licence_is_declared_and_shipped(built: Built):
    metadata = _metadata(built.wheel)
    assert metadata.license_expression == "MIT"
    assert metadata.license_files == ["LICENSE"]
    with zipfile.ZipFile(built.wheel) as archive:
        (shipped,) = [n for n in archive.namelist() if n.endswith(".dist-info/licenses/LICENSE")]
        assert archive.read(shipped) == (ROOT / "LICENSE").read_bytes()
    assert "MIT License" in (ROOT / "LICENSE").read_text()


def test_the_python_versions_agree(built: Built):
    metadata = _metadata(built.wheel)
    required = metadata.requires_python or SpecifierSet()
    listed = [
        Version(classifier.rpartition(" :: ")[2])
        for classifier in metadata.classifiers or []
        if classifier.startswith("Programming Language :: Python :: 3.")
    ]
    assert listed and all(version in required for version in listed)
    oldest = min(listed)
    # The classifiers start where requires-python does.
    assert Version(f"{oldest.major}.{oldest.minor - 1}") not in required


def test_the_classifiers_are_ones_the_index_accepts(installed: Installed, tmp_path: Path):
    probe = textwrap.dedent(
        f"""
        import importlib.metadata, json
        from trove_classifiers import classifiers, deprecated_classifiers
        ours = importlib.metadata.metadata({DISTRIBUTION!r}).get_all("Classifier")
        print(json.dumps([c for c in ours if c not in classifiers or c in deprecated_classifiers]))
        """
    )
    answer = run(
        [installed.command("python"), "-c", probe], tmp_path, PYTHONPATH=str(installed.extras)
    )
    assert json.loads(answer.stdout) == [], answer.stderr


def test_the_entry_points_name_both_commands_and_the_plugin(built: Built):
    with zipfile.ZipFile(built.wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt")]
        text = archive.read(name).decode()
    entry_points = configparser.ConfigParser()
    entry_points.read_string(text)
    assert dict(entry_points["console_scripts"]) == {
        "migrator": "migrator.cli.entry:main",
        DISTRIBUTION: "migrator.cli.entry:main",
    }
    assert dict(entry_points["pytest11"]) == {"migrator": "migrator.testing.plugin"}


def test_the_sdist_holds_every_source_file(built: Built):
    with tarfile.open(built.sdist) as archive:
        names = {name.partition("/")[2] for name in archive.getnames()}
    sources = {
        str(path.relative_to(built.checkout))
        for folder in ("migrator", "rules")
        for path in (built.checkout / folder).rglob("*.py")
    }
    missing = ({"LICENSE", "README.md", "pyproject.toml"} | sources) - names
    assert missing == set()


def test_the_readme_links_work_on_the_package_index():
    """The index shows the README away from the repository: a relative link there is dead."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse((ROOT / "README.md").read_text(encoding="utf-8"))
    targets = []
    for token in tokens:
        for child in token.children or []:
            if child.type == "link_open":
                targets.append(str(child.attrs["href"]))
            elif child.type == "image":
                targets.append(str(child.attrs["src"]))
    assert targets, "the README links to its docs"
    assert [target for target in targets if not target.startswith("https://")] == []
    # Links into the repository name files that exist in it.
    source = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["urls"]["Source"]
    inside = [
        target.removeprefix(f"{source}/").split("/", 2)[2].partition("#")[0]
        for target in targets
        if target.startswith((f"{source}/blob/main/", f"{source}/tree/main/"))
    ]
    assert "docs/ci.md" in inside
    assert [path for path in inside if not (ROOT / path).exists()] == []


# --- the name users install --------------------------------------------------------------------

INSTALLER = (
    r"(?:pip3? install|pipx install|pipx run|uvx|uv tool install|uv tool run|uv pip install)"
)
# The first requirement after the command and its options: `name`, `"name @ url"`, `name==1.0`.
REQUIREMENT = re.compile(
    rf"\b{INSTALLER}(?:\s+--?[\w-]+(?:=\S+)?)*\s+[\"']?([A-Za-z0-9][A-Za-z0-9._-]*)"
)
USER_FACING = [
    "README.md",
    *(f"docs/{page.name}" for page in sorted((ROOT / "docs").glob("*.md"))),
    "examples/README.md",
    ".pre-commit-hooks.yaml",
    "action.yml",
    ".ci/run",
    "scripts/setup.sh",
]


def _installed_names(text: str) -> list[str]:
    return [re.sub(r"[-_.]+", "-", name).lower() for name in REQUIREMENT.findall(text)]


def test_every_install_of_the_tool_names_the_distribution():
    named = {path: _installed_names((ROOT / path).read_text()) for path in USER_FACING}
    # `migrator` on the package index is someone else's database tool.
    assert [path for path, names in named.items() if "migrator" in names] == []
    readme = named["README.md"]
    assert readme[:3] == [DISTRIBUTION] * 3, "pipx run, uvx and pipx install come first"
    assert _installed_names('pip install "migrator @ git+https://x/y@v1"') == ["migrator"]
    assert _installed_names("pipx install --force Migrator") == ["migrator"]
