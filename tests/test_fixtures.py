"""Every fixture case: exact output, output parses, a second run changes nothing."""

from __future__ import annotations

import ast

import pytest
from fixtures_support import Case, cases

from migrator.core.config import Config
from migrator.engine import registry
from migrator.files.filekinds import kind_of, migrate_text

CASES = cases()


def migrate(case: Case, source: str) -> str:
    config = Config(**case.config_overrides())
    kind = kind_of(case.filename)
    result = migrate_text(kind, source, case.filename, config, registry.all_rules())
    assert result.error is None, result.error
    return result.new_source


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_fixture(case: Case, request: pytest.FixtureRequest) -> None:
    before = case.source.read_text(encoding="utf-8")
    after = migrate(case, before)
    if case.noop:
        assert after == before, "a .noop.py case must come out byte-identical"
        return
    if request.config.getoption("--update-fixtures"):
        case.expected.write_text(after, encoding="utf-8")
    assert case.expected.exists(), f"{case.expected.name} is missing; run pytest --update-fixtures"
    assert after == case.expected.read_text(encoding="utf-8")
    if case.suffix == ".py":
        ast.parse(after)
    assert migrate(case, after) == after, "a second run must change nothing"


def test_every_rule_has_fixtures() -> None:
    folders = {case.rule for case in CASES}
    missing = [rule.name() for rule in registry.all_rules() if rule.name() not in folders]
    assert not missing, f"rules without a fixtures/ folder: {missing}"


def test_every_after_has_a_before() -> None:
    befores = {case.expected for case in CASES}
    from fixtures_support import FIXTURES

    orphans = [p for p in FIXTURES.glob("*/*.after.*") if p not in befores]
    assert not orphans, f"after files without a before: {orphans}"
