"""Counted words, spelled once for every summary: "1 file", "2 files".

Light on purpose: the fast answer for clean files (:mod:`migrator.cli.entry`) prints the
same summary as the command line without importing it.
"""

from __future__ import annotations


def plural(number: int, one: str, many: str | None = None) -> str:
    """``number`` and the word that goes with it: ``plural(1, "file")`` is "1 file"."""
    return f"{number} {one if number == 1 else many or one + 's'}"


def clean_summary(files_checked: int) -> str:
    """The last line of a ``check`` that found nothing, whichever path answered."""
    return f"No legacy Text Completions calls found ({plural(files_checked, 'file')} checked)."
