"""Benchmark: migrator against ripgrep, ruff and pyupgrade on real third-party code.

    .venv/bin/python bench/run.py            # the full run (first run downloads ~50 MB of sdists)
    .venv/bin/python bench/run.py --small    # findings correctness only, on a tiny local corpus

The full run builds the corpus from the sdists of the packages in ``PACKAGES``
(fetched from the package index as files, checked against its hashes) into
``bench/.cache/`` (ignored by git), plants the legacy files of
``bench/planted.py`` at known places and the LLM-shaped tree of
``bench/llm_tree.py`` beside them, then
times every command several times in the same run and prints the median, the
spread, the largest process's peak memory, the ratios the targets are stated
in, and the findings against the planted truth. ``--small`` copies a slice of
this interpreter's site-packages and the planted files into a temporary folder
and checks only the findings (``.ci/run`` runs it, so the script cannot rot).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import time
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import llm_tree  # noqa: E402
from planted import CLEAN_ONE, LEGACY_ONE, PLANTS, SUPPORTED, THIRD_PARTY_LEGACY  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MIGRATOR = [str(BIN / "migrator")]
PACKAGES = (
    "django==5.2.19",
    "sympy==1.14.0",
    "ansible-core==2.19.14",
    "botocore==1.44.8",
    "boto3==1.44.8",
    "anthropic==2.12.0",
    "openai==3.54.0",
    "pandas==3.1.1",
)
PYUPGRADE = "pyupgrade==3.22.0"
# The tokens the prefilter looks for, for ripgrep to look for too.
TOKENS = ("completions", "anthropic", "max_tokens_to_sample", "/v1/complete")
# The legacy files migrate is timed on: every fixture's before-file and example, this many times.
LEGACY_COPIES = 10
ISOLATED_PYPROJECT = '[project]\nname = "bench-corpus"\nversion = "0"\n'


# --- running and timing ---------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    peak_kb: int
    status: int
    stdout: str
    cpu: float = 0.0  # user + system seconds of the command and its children


def run_once(command: Sequence[str], cwd: Path) -> Run:
    """Run a command; its wall time and the peak resident memory of its largest process."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return Run(seconds, usage.ru_maxrss, process.returncode, text, usage.ru_utime + usage.ru_stime)


@dataclass
class Timing:
    name: str
    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(run.cpu for run in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(run.peak_kb for run in self.runs) / 1024


def measure(
    name: str,
    command: Sequence[str],
    cwd: Path,
    repeat: int,
    before_each: Callable[[], None] | None = None,
    ok: Sequence[int] = (0, 1),
) -> Timing:
    timing = Timing(name)
    for _ in range(repeat):
        if before_each is not None:
            before_each()
        result = run_once(command, cwd)
        if result.status not in ok:
            raise SystemExit(f"{name}: `{' '.join(command)}` exited {result.status}")
        timing.runs.append(result)
    low = min(run.seconds for run in timing.runs)
    high = max(run.seconds for run in timing.runs)
    print(
        f"  {name:<44} {timing.median:8.3f} s  ({low:.3f}-{high:.3f}, n={repeat})"
        f"  cpu {timing.cpu:7.3f} s  {timing.peak_mb:5.0f} MB",
        flush=True,
    )
    return timing


# --- the corpus -----------------------------------------------------------------------------


def build_corpus(cache: Path) -> Path:
    sdists = cache / "sdists"
    corpus = cache / "corpus"
    sdists.mkdir(parents=True, exist_ok=True)
    wanted = {spec.split("==")[0].replace("-", "_"): spec for spec in PACKAGES}
    have = {_project(path.name) for path in sdists.glob("*.tar.gz")}
    missing = [spec for name, spec in wanted.items() if name not in have]
    if missing:
        print(f"downloading {len(missing)} sdists into {sdists} ...", flush=True)
        for spec in missing:
            download_sdist(spec, sdists)
    for archive in sorted(sdists.glob("*.tar.gz")):
        target = corpus / archive.name.removesuffix(".tar.gz")
        if not target.is_dir():
            print(f"unpacking {archive.name}", flush=True)
            with tarfile.open(archive) as tar:
                tar.extractall(corpus, filter="data")
    _isolate(corpus)
    plant(corpus)
    llm_tree.write(corpus)
    return corpus


def download_sdist(spec: str, folder: Path) -> None:
    """The sdist of ``name==version`` from the package index, checked against its hash.

    Fetched as a file, not with ``pip download``: pip prepares an sdist's metadata,
    and for pandas that compiles its extensions (many minutes) only to read a version.
    """
    name, version = spec.split("==")
    index = os.environ.get("MIGRATOR_BENCH_INDEX", "https://pypi.org/simple")
    request = urllib.request.Request(
        f"{index}/{name}/", headers={"Accept": "application/vnd.pypi.simple.v1+json"}
    )
    with urllib.request.urlopen(request, timeout=60) as answer:
        files = json.load(answer)["files"]
    wanted = {f"{name.replace('-', '_')}-{version}.tar.gz", f"{name}-{version}.tar.gz"}
    found = next((f for f in files if f["filename"] in wanted), None)
    if found is None:
        raise SystemExit(f"no sdist of {spec} on {index}")
    with urllib.request.urlopen(found["url"], timeout=300) as answer:
        data = answer.read()
    if hashlib.sha256(data).hexdigest() != found["hashes"]["sha256"]:
        raise SystemExit(f"the sdist of {spec} does not match the index's sha256")
    (folder / found["filename"]).write_bytes(data)


def _project(filename: str) -> str:
    return filename.rsplit("-", 1)[0].replace("-", "_").replace(".", "_").lower()


def _isolate(folder: Path) -> None:
    """Make the folder a project and a git repository of its own.

    It lives below this repository's ignored ``bench/.cache/``; as its own work tree,
    every tool (ours, ripgrep, ruff) sees it like a checkout, not an ignored folder.
    """
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pyproject.toml").write_text(ISOLATED_PYPROJECT)
    if not (folder / ".git").exists() and shutil.which("git"):
        subprocess.run(["git", "init", "-q", str(folder)], check=True)


def plant(corpus: Path) -> None:
    for planted in PLANTS:
        path = corpus / planted.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(planted.text, encoding="utf-8")


def legacy_set(cache: Path) -> tuple[Path, list[Path]]:
    """Files that all hold legacy calls: the fixtures' before-files and the examples."""
    folder = cache / "legacy"
    sources = sorted((ROOT / "fixtures").glob("*/*.before.py")) + sorted(
        (ROOT / "examples").glob("*.py")
    )
    if folder.exists():
        shutil.rmtree(folder)
    copies = []
    for copy in range(LEGACY_COPIES):
        for source in sources:
            target = folder / f"copy{copy:02d}" / source.parent.name / source.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            copies.append(target)
    _isolate(folder)
    return folder, copies


def one_file_folder(cache: Path, corpus: Path) -> Path:
    folder = cache / "one"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pyproject.toml").write_text(ISOLATED_PYPROJECT)
    shutil.copyfile(corpus / CLEAN_ONE, folder / "clean.py")
    (folder / "legacy.py").write_text(LEGACY_ONE.text, encoding="utf-8")
    return folder


def byte_compile_tool() -> None:
    """Byte code for the tool's own modules, as installing it writes.

    A checkout run with ``PYTHONDONTWRITEBYTECODE`` set compiles every module it imports
    on every run (about 60 ms, a third of a warm check), which no installed copy does:
    ripgrep and ruff are timed as installed, and so is migrator.
    """
    import compileall
    import importlib.util

    import migrator

    spec = importlib.util.find_spec("migrator.rules")
    folders = [Path(migrator.__file__).parent]
    folders += [Path(folder) for folder in (spec.submodule_search_locations or [])] if spec else []
    for folder in folders:
        compileall.compile_dir(folder, quiet=1)


# --- reference tools ------------------------------------------------------------------------


def find_tools(cache: Path) -> dict[str, str | None]:
    tools: dict[str, str | None] = {
        "rg": shutil.which("rg"),
        "ruff": _on_path_or_venv("ruff"),
        "pyupgrade": _on_path_or_venv("pyupgrade"),
    }
    if tools["pyupgrade"] is None:
        venv = cache / "tools"
        if not (venv / "bin" / "pyupgrade").exists():
            print(f"pyupgrade not found: installing {PYUPGRADE} into {venv}", flush=True)
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            subprocess.run(
                [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
                + ["--disable-pip-version-check", PYUPGRADE],
                check=True,
            )
        tools["pyupgrade"] = str(venv / "bin" / "pyupgrade")
    for name, where in tools.items():
        if where is None:
            hint = {"rg": "apt-get install ripgrep", "ruff": "pip install ruff"}.get(name, "")
            print(f"MISSING reference tool: {name} (install it: {hint}); its rows are skipped")
    return tools


def _on_path_or_venv(name: str) -> str | None:
    beside = BIN / name
    return str(beside) if beside.exists() else shutil.which(name)


# --- findings against the planted truth -----------------------------------------------------


def judge(report: dict, root: Path) -> bool:
    """Print found/missed per surface and every unexpected finding; True when exact."""
    findings = report["findings"]
    by_path: dict[str, list[dict]] = {}
    for finding in findings:
        path = Path(finding["path"])
        relative = path.resolve().relative_to(root.resolve()) if path.is_absolute() else path
        by_path.setdefault(os.path.normpath(relative), []).append(finding)
    ok = True
    legacy_paths = set()
    print("findings against the planted truth:")
    for planted in PLANTS:
        if planted.surface == "trap":
            continue
        legacy_paths.add(os.path.normpath(planted.path))
        here = by_path.get(os.path.normpath(planted.path), [])
        hits = [f for f in here if planted.rule is None or f["rule"] == planted.rule]
        strict = SUPPORTED[planted.surface]
        verdict = "found" if hits else ("MISSED" if strict else "missed (not supported yet)")
        ok &= bool(hits) or not strict
        rules = ",".join(sorted({f["rule"] for f in here})) or "-"
        print(f"  {planted.surface:<14} {verdict:<27} {planted.path} [{rules}]")
    for path, why in THIRD_PARTY_LEGACY.items():
        rules = ",".join(sorted({f["rule"] for f in by_path.get(os.path.normpath(path), [])}))
        print(
            f"  {'third-party':<14} {'found' if rules else 'not found':<27} {path} [{rules or '-'}]"
        )
        print(f"  {'':<14} ({why})")
        legacy_paths.add(os.path.normpath(path))
    unexpected = [
        finding
        for path, found in sorted(by_path.items())
        if path not in legacy_paths
        for finding in found
    ]
    for finding in unexpected:
        print(
            f"  UNEXPECTED     {finding['path']}:{finding['line']} {finding['rule']} "
            f"{finding['message'][:90]}"
        )
    ok &= not unexpected
    strict_sites = sum(1 for p in PLANTS if p.surface != "trap" and SUPPORTED[p.surface])
    print(
        f"  {len(findings)} findings; {strict_sites} sites of supported surfaces must be found, "
        f"{len(unexpected)} findings outside the planted legacy files"
    )
    return ok


def check_findings(corpus: Path) -> bool:
    result = run_once(MIGRATOR + ["check", "--format", "json", "--no-progress", "."], corpus)
    if result.status not in (0, 1):
        print(f"`migrator check` exited {result.status}")
        return False
    return judge(json.loads(result.stdout), corpus)


def diff_touches_only_planted(corpus: Path) -> bool:
    result = run_once(MIGRATOR + ["migrate", "--diff", "--no-progress", "--quiet", "."], corpus)
    # A notebook's diff names the cell: ``+++ b/nb.ipynb:cell 3``.
    touched = {
        os.path.normpath(re.sub(r":cell \d+$", "", line[len("+++ b/") :].strip()))
        for line in result.stdout.splitlines()
        if line.startswith("+++ b/")
    }
    legacy = {os.path.normpath(p.path) for p in PLANTS if p.surface != "trap"}
    stray = sorted(touched - legacy)
    for path in stray:
        print(f"  DIFF OUTSIDE THE PLANTED FILES: {path}")
    print(f"  migrate --diff changes {len(touched)} files, {len(stray)} outside the planted ones")
    return result.status in (0, 1) and not stray


# --- the two modes --------------------------------------------------------------------------


def small() -> int:
    """Findings correctness on a tiny local corpus: no download, no timing."""
    purelib = Path(sysconfig.get_paths()["purelib"])
    with tempfile.TemporaryDirectory(prefix="migrator-bench-") as folder:
        corpus = Path(folder) / "corpus"
        for package in ("click", "typer", "rich", "pydantic"):
            source = purelib / package
            if source.is_dir():
                shutil.copytree(source, corpus / "site" / package, ignore=_no_caches)
        _isolate(corpus)
        plant(corpus)
        ok = check_findings(corpus)
        ok &= diff_touches_only_planted(corpus)
    print("bench --small:", "ok" if ok else "FAILED")
    return 0 if ok else 1


def _no_caches(_folder: str, names: list[str]) -> list[str]:
    return [name for name in names if name == "__pycache__" or name.endswith(".pyc")]


def full(cache: Path, repeat: int) -> int:
    corpus = build_corpus(cache)
    tools = find_tools(cache)
    files = list(corpus.rglob("*.py"))
    size = sum(path.stat().st_size for path in files)
    lines = sum(path.read_bytes().count(b"\n") for path in files)
    print(f"corpus: {len(files)} .py files, {lines:,} lines, {size / 1e6:.0f} MB in {corpus}")
    print(f"  of which {llm_tree.FILES} LLM-shaped files in {llm_tree.FOLDER}/ (bench/llm_tree.py)")
    cpus = os.cpu_count() or 1
    print(f"machine: {cpus} cores, Python {sys.version.split()[0]}")
    byte_compile_tool()
    print("migrator's modules byte-compiled, as an install leaves them\n")
    has_jobs = "--jobs" in run_once(MIGRATOR + ["check", "--help"], ROOT).stdout
    has_cache = "--no-cache" in run_once(MIGRATOR + ["check", "--help"], ROOT).stdout
    cache_dir = corpus / ".migrator_cache"

    def clear_cache() -> None:
        shutil.rmtree(cache_dir, ignore_errors=True)

    t: dict[str, Timing] = {}
    print(f"load average before the timings: {os.getloadavg()[0]:.1f} on {cpus} cores")
    print("timings (median wall, min-max, runs, median CPU, peak memory of the largest process):")
    check = MIGRATOR + ["check", "--no-progress", "--quiet", "."]
    t["cold"] = measure("migrator check (cold: no cache)", check, corpus, repeat, clear_cache)
    if has_cache:
        run_once(check, corpus)
        t["warm"] = measure("migrator check (warm cache)", check, corpus, repeat)
    diff = MIGRATOR + ["migrate", "--diff", "--no-progress", "--quiet", "."]
    t["diff"] = measure("migrator migrate --diff", diff, corpus, repeat, clear_cache)
    one_package = next(corpus.glob("django-*")).name
    t["small_tree"] = measure(
        f"migrator check {one_package}/ (memory vs files)",
        MIGRATOR + ["check", "--no-progress", "--quiet", one_package],
        corpus,
        1,
        clear_cache,
    )
    if tools["rg"]:
        rg = [tools["rg"], "-l", "-F", "-g", "*.py", "-g", "*.ipynb"]
        rg += [arg for token in TOKENS for arg in ("-e", token)] + ["."]
        t["rg"] = measure("rg -l on the prefilter's tokens", rg, corpus, repeat)
    if tools["ruff"]:
        ruff = [tools["ruff"], "check", "--isolated", "--no-cache", "--select", "E9"]
        ruff += ["--exit-zero", "--quiet", "."]
        t["ruff"] = measure("ruff check --no-cache --select E9", ruff, corpus, repeat)

    t["llm_cold"] = measure(
        f"migrator check {llm_tree.FOLDER}/ (cold)",
        MIGRATOR + ["check", "--no-progress", "--quiet", llm_tree.FOLDER],
        corpus,
        repeat,
        clear_cache,
    )
    if tools["rg"]:
        rg_llm = [tools["rg"], "-l", "-F", "-g", "*.py", "-g", "*.ipynb"]
        rg_llm += [arg for token in TOKENS for arg in ("-e", token)] + [llm_tree.FOLDER]
        t["llm_rg"] = measure(f"rg -l on {llm_tree.FOLDER}/", rg_llm, corpus, repeat)
    if tools["ruff"]:
        ruff_llm = [tools["ruff"], "check", "--isolated", "--no-cache", "--select", "E9"]
        ruff_llm += ["--exit-zero", "--quiet", llm_tree.FOLDER]
        t["llm_ruff"] = measure(f"ruff check on {llm_tree.FOLDER}/", ruff_llm, corpus, repeat)

    one = one_file_folder(cache, corpus)
    if tools["pyupgrade"]:

        def fresh_copy() -> None:
            shutil.copyfile(corpus / CLEAN_ONE, one / "clean.py")

        t["pyupgrade"] = measure(
            "pyupgrade clean.py", [tools["pyupgrade"], "clean.py"], one, repeat, fresh_copy
        )
    one_check = MIGRATOR + ["check", "--no-progress", "--quiet"]
    t["one_clean"] = measure("migrator check clean.py", one_check + ["clean.py"], one, repeat)
    t["one_legacy"] = measure(
        "migrator check --no-cache legacy.py",
        one_check + ["--no-cache", "legacy.py"],
        one,
        repeat,
    )
    t["version"] = measure("migrator --version", MIGRATOR + ["--version"], one, repeat, ok=(0,))

    legacy, legacy_files = legacy_set(cache)
    legacy_bytes = sum(path.stat().st_size for path in legacy_files)
    listing = cache / "legacy-files.txt"
    listing.write_text("\n".join(str(path) for path in legacy_files))
    bare = [
        sys.executable,
        "-c",
        "import libcst, sys\n"
        "for path in open(sys.argv[1]).read().split('\\n'):\n"
        "    libcst.parse_module(open(path, encoding='utf-8').read()).code\n",
        str(listing),
    ]
    print(f"\nlegacy files: {len(legacy_files)} files, {legacy_bytes / 1e6:.2f} MB")
    t["bare"] = measure("libcst parse + print, 1 process", bare, legacy, repeat)
    migrate = MIGRATOR + ["migrate", "--diff", "--no-progress", "--quiet"]
    migrate += ["--no-cache"] if has_cache else []
    ok_codes = (0, 1, 2)  # some fixtures are meant to leave errors (a runtime module, ...)
    if has_jobs:
        t["mig1"] = measure(
            "migrator migrate --diff --jobs 1",
            migrate + ["--jobs", "1", "."],
            legacy,
            repeat,
            ok=ok_codes,
        )
        t["migN"] = measure(
            f"migrator migrate --diff --jobs {cpus}",
            migrate + ["--jobs", str(cpus), "."],
            legacy,
            repeat,
            ok=ok_codes,
        )
    else:
        print("  (migrator has no --jobs: serial only)")
        t["mig1"] = measure("migrator migrate --diff", migrate + ["."], legacy, repeat, ok=ok_codes)

    print("\ntargets:")
    rows: list[tuple[str, str, bool | None]] = []

    def ratio(name: str, value: float | None, target: str, met: bool | None) -> None:
        shown = "n/a" if value is None else f"{value:.2f}"
        rows.append((name, f"{shown} (target {target})", met))

    def r(a: str, b: str) -> float | None:
        return t[a].median / t[b].median if a in t and b in t else None

    def met(value: float | None, limit: float, below: bool = True) -> bool | None:
        return None if value is None else (value <= limit if below else value >= limit)

    value = r("cold", "ruff")
    ratio("check cold / ruff --no-cache", value, "<= 1", met(value, 1))
    value = r("cold", "rg")
    ratio("check cold / rg", value, "<= 6", met(value, 6))
    value = r("llm_cold", "llm_ruff")
    ratio(f"check cold / ruff, {llm_tree.FOLDER}/ alone", value, "<= 1", met(value, 1))
    value = r("llm_cold", "llm_rg")
    ratio(f"check cold / rg, {llm_tree.FOLDER}/ alone", value, "<= 6", met(value, 6))
    value = r("warm", "rg")
    ratio("check warm / rg", value, "<= 3", met(value, 3))
    value = r("one_clean", "pyupgrade")
    ratio("check one clean file / pyupgrade", value, "<= 2", met(value, 2))
    value = r("bare", "mig1")
    ratio("migrate throughput / bare libcst (1 core)", value, ">= 0.7", met(value, 0.7, False))
    value = r("mig1", "migN")
    ratio(f"migrate speed-up, {cpus} cores vs 1", value, ">= 1.7", met(value, 1.7, False))
    peak = max(t["cold"].peak_mb, t["diff"].peak_mb)
    rows.append(
        (
            "peak memory on the corpus (MB)",
            f"{peak:.0f} (target < 300; {t['small_tree'].peak_mb:.0f} on {one_package} alone)",
            peak < 300,
        )
    )
    for name, shown, verdict in rows:
        mark = {True: "met", False: "MISSED", None: "skipped"}[verdict]
        print(f"  {name:<44} {shown:<44} {mark}")
    if "migN" in t:
        print(
            f"  (migrate CPU: {t['mig1'].cpu:.1f} s with 1 job, {t['migN'].cpu:.1f} s with "
            f"{cpus}; load average now {os.getloadavg()[0]:.1f}: other processes share the cores)"
        )
    print()
    exact = check_findings(corpus)
    print("findings:", "exact" if exact else "NOT EXACT (see above)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="findings correctness only, fast")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement")
    parser.add_argument(
        "--cache", type=Path, default=ROOT / "bench" / ".cache", help="where the corpus lives"
    )
    args = parser.parse_args(argv)
    if args.small:
        return small()
    return full(args.cache.resolve(), args.repeat)


if __name__ == "__main__":
    raise SystemExit(main())
