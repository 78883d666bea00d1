"""Fewer passes of Python's cycle collector while a run migrates.

A run allocates millions of objects (libcst and ``ast`` trees, tokens, findings) and
frees nearly all of them by reference counting: trees hold no cycles. The cycle
collector still scans the young objects every 700 allocations, and every object of
the process, the imported libraries' included, on its oldest pass: about a
thirteenth of ``migrate`` on the benchmark's legacy files, for almost no garbage.
During a run the objects that existed before it are set aside (``gc.freeze``: they
are not scanned again, and forked workers share their pages untouched), and the
young objects are scanned every 10,000 allocations: the garbage that waits for a
pass stays bounded, whatever the number of files. Both are undone when the run ends.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

# Allocations between two passes over the young objects (Python's default is 700).
YOUNG_THRESHOLD = 10_000


@contextlib.contextmanager
def collected_rarely() -> Iterator[None]:
    """Within: what exists already is set aside, and young objects are scanned less often."""
    before = gc.get_threshold()
    frozen = gc.get_freeze_count()
    gc.freeze()
    gc.set_threshold(max(before[0], YOUNG_THRESHOLD), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
        if not frozen:  # set aside before (an enclosing run): they stay so, as they were
            gc.unfreeze()
