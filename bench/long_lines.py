"""Lines a migration made longer than the file's own style, and why.

    .venv/bin/python bench/long_lines.py /work/realworld-corpus /tmp/migrated-copy

A line the migration added or changed (``.py`` files and notebooks' code cells,
compared with the original text) is too long when it is longer than the original
file's longest line, or 100 columns if that is shorter: a reviewer keeps to the
file's style. ``bench/realworld.py run`` prints the total as a figure of its own.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

WIDEST = 100

# The cause of a long line, judged from its text: first match wins.
CAUSES = [
    ("manual comment", re.compile(r"#\s*migrator:\s*manual\b")),
    ("review or run-time comment", re.compile(r"#\s*migrator:")),
    ("helper code", re.compile(r"\b_legacy_\w+\s*=|def _legacy_\w+|^\s*return _legacy_")),
    ("response read", re.compile(r"for (\w+) in .* if \1(?:\.type|\[.type.\]) ==")),
    ("rewritten call", re.compile(r"\.messages\.(?:create|stream|count_tokens)\(")),
    ("messages list", re.compile(r"""\bmessages\s*=\s*\[\{.role.:""")),
    ("request converted at run time", re.compile(r"\*\*_legacy_\w+\(")),
    ("model id", re.compile(r"claude-(?:sonnet|haiku|opus)-\d")),
]


def cause(line: str) -> str:
    return next((name for name, pattern in CAUSES if pattern.search(line)), "other")


def long_lines(before: str, after: str) -> Iterator[str]:
    """The lines of ``after`` that differ from ``before`` and break its style's width."""
    old, new = before.splitlines(), after.splitlines()
    widest = max(WIDEST, *(len(line) for line in old)) if old else WIDEST
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, _i1, _i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            yield from (line for line in new[j1:j2] if len(line) > widest)


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from realworld import python_of

    corpus, migrated = Path(sys.argv[1]), Path(sys.argv[2])
    causes: Counter[str] = Counter()
    for original in sorted(corpus.rglob("*")):
        if original.suffix not in (".py", ".ipynb") or not original.is_file():
            continue
        copy = migrated / original.relative_to(corpus)
        for line in long_lines(python_of(original), python_of(copy)):
            causes[cause(line)] += 1
            print(
                f"{original.relative_to(corpus)}: [{cause(line)}] {len(line)}: {line.strip()[:160]}"
            )
    print(f"lines made longer than the file's style: {sum(causes.values())}")
    for name, count in causes.most_common():
        print(f"  {count:4d}  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
