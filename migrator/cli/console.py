"""The command line's two consoles, its exit statuses and its one way to fail.

``out`` is stdout, for findings and documents; ``err`` is stderr, for errors,
summaries and progress, so that a document on stdout stays whole.
"""

from __future__ import annotations

import typer
from rich.console import Console

EXIT_OK, EXIT_FOUND, EXIT_ERROR = 0, 1, 2

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str) -> None:
    err.print(f"error: {message}", markup=False)
    raise typer.Exit(EXIT_ERROR)
