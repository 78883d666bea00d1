"""Migrate every program in sweep/programs and run it before/after against the fake API."""

import ast
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "tests"))
from differential import run_pair  # noqa: E402
from migrator.testing import FakeAnthropic  # noqa: E402

PROGS = Path(__file__).resolve().parent / "programs"
OUT = Path(__file__).resolve().parent / "out"
MIGRATOR = str(ROOT / ".venv" / "bin" / "migrator")


def region(text, tag="OPENAI"):
    return re.findall(rf"# {tag}-BEGIN\n(.*?)# {tag}-END", text, re.DOTALL)


def main(names):
    OUT.mkdir(exist_ok=True)
    progs = sorted(PROGS.glob("*.py"))
    if names:
        progs = [p for p in progs if any(p.name.startswith(n) for n in names)]
    results = []
    with FakeAnthropic() as api:
        for prog in progs:
            after = OUT / (prog.stem + ".after.py")
            shutil.copy(prog, after)
            m = subprocess.run(
                [MIGRATOR, "migrate", "--no-progress", str(after)], capture_output=True, text=True
            )
            text = after.read_text()
            r = {
                "name": prog.stem,
                "migrate_rc": m.returncode,
                "migrate_out": (m.stdout + m.stderr).strip(),
            }
            try:
                ast.parse(text)
                r["parses"] = True
            except SyntaxError as e:
                r["parses"] = False
                r["syntax"] = str(e)
            second = OUT / (prog.stem + ".second.py")
            shutil.copy(after, second)
            m2 = subprocess.run(
                [MIGRATOR, "migrate", "--no-progress", str(second)], capture_output=True, text=True
            )
            r["idempotent"] = second.read_text() == text
            r["second_rc"] = m2.returncode
            if not r["idempotent"]:
                d = subprocess.run(
                    ["diff", "-u", str(after), str(second)], capture_output=True, text=True
                )
                r["second_diff"] = d.stdout[:3000]
            second.unlink()
            r["changed"] = text != prog.read_text()
            r["manual"] = text.count("# migrator: manual")
            r["legacy_left"] = len(re.findall(r"completions\.create|max_tokens_to_sample", text))
            src = prog.read_text()
            r["openai_same"] = region(src) == region(text)
            pair = run_pair(prog, after, api)
            r["problems"] = pair.problems()
            r["before_rc"] = pair.before.returncode
            r["after_rc"] = pair.after.returncode
            r["before_stdout"] = pair.before.stdout[-1500:]
            r["after_stdout"] = pair.after.stdout[-1500:]
            r["before_stderr"] = pair.before.stderr[-1500:]
            r["after_stderr"] = pair.after.stderr[-1500:]
            r["nreq"] = (len(pair.before.requests), len(pair.after.requests))
            results.append(r)
            status = "OK" if not r["problems"] else "DIFF"
            print(
                f"{prog.stem:40s} mig_rc={r['migrate_rc']} changed={r['changed']} manual={r['manual']} "
                f"left={r['legacy_left']} parses={r['parses']} idem={r['idempotent']} openai_same={r['openai_same']} "
                f"rc={r['before_rc']}/{r['after_rc']} req={r['nreq']} {status}",
                flush=True,
            )
    suffix = "-" + "-".join(names) if names else ""
    (OUT / f"results{suffix}.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
