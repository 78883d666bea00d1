"""Migrate every program in sweep2/programs and run it before/after against the fake API.

Programs marked `# migrator-fixture: sdk02` run their before under .venvs/sdk02 (run_pair
picks the interpreter). Notebooks (.ipynb) are migrated as notebooks, then their code cells
are extracted into .py files to run. Regions between `# KEEP-BEGIN` and `# KEEP-END`
(OpenAI, Titan, Cohere, Llama code) must stay byte-identical.
"""

import ast
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from differential import run_pair  # noqa: E402
from migrator.testing import FakeAnthropic  # noqa: E402

PROGS = HERE / "programs"
OUT = HERE / "out"
MIGRATOR = str(ROOT / ".venv" / "bin" / "migrator")


def region(text):
    return re.findall(r"# KEEP-BEGIN\n(.*?)# KEEP-END", text, re.DOTALL)


def cells_to_py(nb_path, py_path):
    nb = json.loads(nb_path.read_text())
    src = []
    for c in nb["cells"]:
        if c["cell_type"] == "code":
            s = "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            src.append("\n".join(ln for ln in s.splitlines() if not ln.startswith(("%", "!"))))
    py_path.write_text("\n\n".join(src) + "\n")


def migrate(path):
    return subprocess.run(
        [MIGRATOR, "migrate", "--no-progress", "--no-cache", str(path)],
        capture_output=True,
        text=True,
        cwd=str(path.parent),
    )


def main(names):
    OUT.mkdir(exist_ok=True)
    progs = sorted([*PROGS.glob("*.py"), *PROGS.glob("*.ipynb")])
    if names:
        progs = [p for p in progs if any(p.name.startswith(n) for n in names)]
    results = []
    with FakeAnthropic() as api:
        for prog in progs:
            after = OUT / (prog.stem + ".after" + prog.suffix)
            shutil.copy(prog, after)
            m = migrate(after)
            text = after.read_text()
            r = {"name": prog.name, "migrate_rc": m.returncode, "migrate_out": (m.stdout + m.stderr).strip()}
            check_text = text
            if prog.suffix == ".ipynb":
                try:
                    json.loads(text)
                    bpy, apy = OUT / (prog.stem + ".nb_before.py"), OUT / (prog.stem + ".nb_after.py")
                    cells_to_py(prog, bpy)
                    cells_to_py(after, apy)
                    check_text = apy.read_text()
                except Exception as e:  # noqa: BLE001
                    r["syntax"] = f"notebook: {e}"
            try:
                ast.parse(check_text)
                r["parses"] = True
            except SyntaxError as e:
                r["parses"] = False
                r["syntax"] = str(e)
            second = OUT / (prog.stem + ".second" + prog.suffix)
            shutil.copy(after, second)
            m2 = migrate(second)
            r["idempotent"] = second.read_text() == text
            if not r["idempotent"]:
                d = subprocess.run(["diff", "-u", str(after), str(second)], capture_output=True, text=True)
                r["second_diff"] = d.stdout[:3000]
            second.unlink()
            src = prog.read_text()
            r["changed"] = text != src
            r["manual"] = check_text.count("# migrator: manual")
            r["legacy_left"] = len(
                re.findall(r"completions\.create|max_tokens_to_sample|\.completion\(|completion_stream\(|/v1/complete", check_text)
            )
            r["keep_same"] = region(src) == region(text)
            if prog.suffix == ".ipynb":
                before_p, after_p = OUT / (prog.stem + ".nb_before.py"), OUT / (prog.stem + ".nb_after.py")
            else:
                before_p, after_p = prog, after
            pair = run_pair(before_p, after_p, api)
            r["problems"] = pair.problems()
            r["before_rc"], r["after_rc"] = pair.before.returncode, pair.after.returncode
            r["before_stdout"], r["after_stdout"] = pair.before.stdout[-1500:], pair.after.stdout[-1500:]
            r["before_stderr"], r["after_stderr"] = pair.before.stderr[-1500:], pair.after.stderr[-1500:]
            r["nreq"] = (len(pair.before.requests), len(pair.after.requests))
            results.append(r)
            status = "OK" if not r["problems"] else "DIFF"
            print(
                f"{prog.name:38s} rc={r['migrate_rc']} chg={r['changed']:d} man={r['manual']} left={r['legacy_left']} "
                f"parse={r['parses']:d} idem={r['idempotent']:d} keep={r['keep_same']:d} "
                f"run={r['before_rc']}/{r['after_rc']} req={r['nreq']} {status}",
                flush=True,
            )
    suffix = "-" + "-".join(names) if names else ""
    (OUT / f"results{suffix}.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
