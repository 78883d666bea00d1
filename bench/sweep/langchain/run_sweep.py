"""Migrate each LangChain Bedrock program and run it before and after against the fake API.

The programs are written from the shapes of the real-code corpus (a Bedrock LLM
built with a Text Completions ``model_kwargs``, called, given to chains, piped).
Before: an old LangChain that still has the Bedrock LLM (langchain 0.1.20,
langchain-community 0.0.38). After: LangChain 0.3 with langchain-aws 0.2 (and
langchain-community, for what the migration keeps), whose
``ChatBedrock`` the migrated code uses. Both talk to boto3's ``bedrock-runtime``,
which ``tests/differential.py`` points at the project's fake API; the printed
output and the requests (their conversation, limits, stop sequences and sampling
keys) are compared. A migrated program that needs nothing of ``langchain`` itself
runs after a second time, under the newest langchain-aws (langchain-core 1.x):
the ``latest=`` column. The environments are created under ``.venvs/`` the first
time (not committed).

Programs marked ``# sweep: stays`` must come out untouched apart from a manual
finding (or byte-identical when the model is not Claude); they are not run after.

    .venv/bin/python bench/sweep/langchain/run_sweep.py [PREFIX...]
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from differential import run_pair  # noqa: E402

from migrator.testing import FakeAnthropic  # noqa: E402

PROGRAMS = HERE / "programs"
OUT = HERE / "out"
MIGRATOR = str(ROOT / ".venv" / "bin" / "migrator")
STAYS = "# sweep: stays"
ENVIRONMENTS = {
    "langchain-old": ["langchain==0.1.20", "langchain-community==0.0.38", "boto3"],
    # langchain-community stays for what the migration keeps (another vendor's model).
    "langchain-new": [
        "langchain>=0.3,<0.4",
        "langchain-aws>=0.2,<0.3",
        "langchain-community>=0.3,<0.4",
        "boto3",
    ],
    # The newest langchain-aws (langchain-core 1.x), for migrated programs that need
    # nothing of `langchain` itself (its 0.x chains moved to langchain-classic).
    "langchain-aws-latest": ["langchain-aws", "boto3"],
}


def python_of(name: str) -> str:
    """The interpreter of an environment, created with its packages if it is missing."""
    home = ROOT / ".venvs" / name
    python = home / "bin" / "python"
    if not python.exists():
        subprocess.run(["python3.11", "-m", "venv", str(home)], check=True)
        subprocess.run(
            [str(home / "bin" / "pip"), "install", "-q", *ENVIRONMENTS[name]], check=True
        )
    return str(python)


def cells_to_py(notebook: Path, target: Path) -> None:
    """The notebook's code cells as one program, magics (``%``, ``!``) left out."""
    cells = json.loads(notebook.read_text())["cells"]
    sources = [
        "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
        for c in cells
        if c["cell_type"] == "code"
    ]
    lines = [
        "\n".join(ln for ln in s.splitlines() if not ln.startswith(("%", "!"))) for s in sources
    ]
    target.write_text("\n\n".join(lines) + "\n")


def migrate(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [MIGRATOR, "migrate", "--no-progress", "--no-cache", str(path)],
        capture_output=True,
        text=True,
        cwd=str(path.parent),
    )


def needs_langchain(source: str) -> bool:
    """Whether a program imports ``langchain`` itself (not ``langchain_aws`` / ``_core``)."""
    tree = ast.parse(source)
    modules = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    modules += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    return any(m.split(".")[0] in ("langchain", "langchain_community") for m in modules)


def sweep(program: Path, api: FakeAnthropic, old: str, new: str, latest: str) -> dict[str, object]:
    after = OUT / f"{program.stem}.after{program.suffix}"
    shutil.copy(program, after)
    result: dict[str, object] = {"name": program.name, "rc": migrate(after).returncode}
    source, text = program.read_text(), after.read_text()
    second = OUT / f"{program.stem}.second{program.suffix}"
    shutil.copy(after, second)
    migrate(second)
    result["idempotent"] = second.read_text() == text
    second.unlink()
    before_py, after_py = program, after
    if program.suffix == ".ipynb":
        before_py, after_py = OUT / f"{program.stem}.before.py", OUT / f"{program.stem}.after.py"
        cells_to_py(program, before_py)
        cells_to_py(after, after_py)
    ast.parse(after_py.read_text())
    result["manual"] = text.count("# migrator: manual")
    if STAYS in source:
        kept = [line for line in text.splitlines() if "# migrator: manual" not in line]
        result["status"] = "STAYS" if kept == source.splitlines() else "CHANGED"
        return result
    pair = run_pair(before_py, after_py, api, before_python=old, after_python=new)
    result["problems"] = pair.problems()
    result["before"], result["after"] = pair.before.stdout, pair.after.stdout
    result["stderr"] = pair.after.stderr[-1500:]
    result["requests"] = (len(pair.before.requests), len(pair.after.requests))
    result["status"] = "OK" if not result["problems"] else "DIFF"
    if not needs_langchain(after_py.read_text()):
        newest = run_pair(before_py, after_py, api, before_python=old, after_python=latest)
        result["latest"] = "OK" if not newest.problems() else "DIFF"
        result["latest_problems"] = newest.problems()
    return result


def main(prefixes: list[str]) -> None:
    OUT.mkdir(exist_ok=True)
    old, new = python_of("langchain-old"), python_of("langchain-new")
    latest = python_of("langchain-aws-latest")
    programs = sorted([*PROGRAMS.glob("*.py"), *PROGRAMS.glob("*.ipynb")])
    programs = [p for p in programs if not prefixes or p.name.startswith(tuple(prefixes))]
    results = []
    with FakeAnthropic() as api:
        for program in programs:
            result = sweep(program, api, old, new, latest)
            results.append(result)
            print(
                f"{program.name:28s} rc={result['rc']} man={result['manual']} "
                f"idem={result['idempotent']:d} req={result.get('requests', '-')} "
                f"{result['status']} latest={result.get('latest', '-')}",
                flush=True,
            )
    counts = {s: sum(r["status"] == s for r in results) for s in ("OK", "DIFF", "STAYS", "CHANGED")}
    print(" ".join(f"{k}={v}" for k, v in counts.items()))
    (OUT / "results.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
