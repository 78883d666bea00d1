"""Rule documentation pages, generated from the rule modules' docstrings."""

from __future__ import annotations

import functools
from pathlib import Path

from migrator.contract.rule import Rule


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


def page_url(rule: type[Rule], version: str) -> str | None:
    """Where the rule's page of this version is read online, or None if that is not known.

    Under the tag of the version (``vX.Y.Z``), so the page matches the rule that ran.
    """
    source = source_url()
    return None if source is None else f"{source}/blob/v{version}/docs/rules/{rule.name()}.md"


@functools.lru_cache(maxsize=1)
def source_url() -> str | None:
    """The repository, as ``[project.urls] Source`` in pyproject.toml names it.

    Read from the installed package's metadata, which is written from that table, so
    the URL is defined in one place; None when migrator runs without being installed.
    """
    import importlib.metadata

    for name in dict.fromkeys(importlib.metadata.packages_distributions().get("migrator", [])):
        for entry in importlib.metadata.metadata(name).get_all("Project-URL") or []:
            label, _, url = entry.partition(",")
            if label.strip() == "Source":
                return url.strip()
    return None


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
    from migrator.engine.registry import all_rules

    for written in write_pages(Path(__file__).resolve().parents[2] / "docs" / "rules", all_rules()):
        print(written)
