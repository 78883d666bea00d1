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


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the engine parses (migrates), in order; forked workers
    see the patch too, but their calls are counted in their own copy of the list."""
    from migrator.engine import migrate as engine

    seen: list[str] = []
    real = engine.migrate_source

    def counting(source, path, config, rules, **options):
        seen.append(Path(path).name)
        return real(source, path, config, rules, **options)

    monkeypatch.setattr(engine, "migrate_source", counting)
    return seen


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-fixtures",
        action="store_true",
        help="Rewrite fixtures/*.after.py from the current output; review the diff like code.",
    )
