from __future__ import annotations

import sys
from pathlib import Path

import pytest

# Test helpers (the fake API, the differential harness) live beside the tests.
sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(autouse=True)
def _own_result_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Each test gets an empty result cache, outside the repository."""
    folder = tmp_path_factory.mktemp("cache") / ".migrator_cache"
    monkeypatch.setenv("MIGRATOR_CACHE_DIR", str(folder))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-fixtures",
        action="store_true",
        help="Rewrite fixtures/*.after.py from the current output; review the diff like code.",
    )
