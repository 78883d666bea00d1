from __future__ import annotations

import sys
from pathlib import Path

import pytest

# Test helpers (the fake API, the differential harness) live beside the tests.
sys.path.insert(0, str(Path(__file__).parent))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-fixtures",
        action="store_true",
        help="Rewrite fixtures/*.after.py from the current output; review the diff like code.",
    )
