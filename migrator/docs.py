"""Rule documentation pages, generated from the rule modules' docstrings."""

from __future__ import annotations

from pathlib import Path

from migrator.rule import Rule


def page(rule: type[Rule]) -> str:
    """The Markdown page of one rule: a header table, then its docstring."""
    doc = rule.documentation().strip()
    title, _, body = doc.partition("\n")
    return (
        f"# {rule.code} `{rule.name()}`\n\n"
        f"{title.strip()}\n\n"
        f"| code | name | fix safety | since |\n|---|---|---|---|\n"
        f"| {rule.code} | {rule.name()} | {rule.safety.value} | {rule.since} |\n"
        f"{body.rstrip()}\n"
    )


def snippet(rule: type[Rule], section: str) -> str:
    """The code block under ``## section`` of a rule's documentation."""
    doc = rule.documentation()
    start = doc.index(f"## {section}")
    opening = doc.index("```", start)
    fence = doc.index("\n", opening) + 1  # past the language: python, or text for other files
    return doc[fence : doc.index("```", fence)]


def write_pages(folder: Path, rules: list[type[Rule]]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for rule in rules:
        target = folder / f"{rule.name()}.md"
        target.write_text(page(rule), encoding="utf-8")
        written.append(target)
    return written


if __name__ == "__main__":
    from migrator.registry import all_rules

    for written in write_pages(
        Path(__file__).resolve().parent.parent / "docs" / "rules", all_rules()
    ):
        print(written)
