"""The house rules: every rule is registered, documented, and its example is true."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrator.cli.docs import page, snippet
from migrator.core import catalog
from migrator.core.config import Config
from migrator.engine import registry
from migrator.engine.migrate import migrate_source
from migrator.files.filekinds import kind_of, migrate_text

ROOT = Path(__file__).resolve().parent.parent
RULES = registry.all_rules()


def test_order_lists_every_rule_module() -> None:
    assert sorted(registry.discovered()) == sorted(catalog.ORDER)


def test_catalog_gives_each_rule_its_own_code() -> None:
    """Settings and directives are checked against the catalog, without the rules."""
    assert {rule.name(): rule.code for rule in RULES} == catalog.CODES


def test_codes_are_unique() -> None:
    codes = [rule.code for rule in RULES]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_example_migrates_into_use_instead(rule) -> None:
    example, expected = snippet(rule, "Example"), snippet(rule, "Use instead")
    kind = kind_of(rule.example_file)
    result = migrate_text(kind, example, rule.example_file, Config(update_pins=True), RULES)
    assert result.error is None
    assert result.new_source == expected
    assert any(finding.rule == rule.code for finding in result.findings)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_docs_page_is_current(rule) -> None:
    path = ROOT / "docs" / "rules" / f"{rule.name()}.md"
    assert path.exists(), f"{path} is missing: run `python -m migrator.cli.docs`"
    assert path.read_text(encoding="utf-8") == page(rule), (
        f"{path} is stale: run `python -m migrator.cli.docs`"
    )


def test_resolve_by_code_or_name() -> None:
    assert registry.resolve("tcm002") is registry.resolve("prompt")
    with pytest.raises(catalog.UnknownRule, match="known rules"):
        registry.resolve("TCM999")


def test_a_deselected_rule_leaves_its_site_untouched() -> None:
    """Correct or untouched: without TCM012 a stop_reason test would silently change meaning."""
    source = (ROOT / "fixtures" / "stop_reason" / "branches.before.py").read_text()
    rules = [rule for rule in RULES if rule.code != "TCM012"]
    result = migrate_source(source, "branches.py", Config(), rules)
    assert "completions.create(" in result.new_source
    assert "messages.create(" not in result.new_source
    assert "the `stop_reason` reads" in result.new_source


def test_without_tcm017_a_pre_03_call_is_left_untouched() -> None:
    """The other rules alone would leave ``Client(key)`` and its cumulative stream behind."""
    folder = ROOT / "fixtures" / "client_completion"
    rules = [rule for rule in RULES if rule.code != "TCM017"]
    for case in ("sync_dict_reads", "stream_keeps_last"):
        source = (folder / f"{case}.before.py").read_text()
        result = migrate_source(source, f"{case}.py", Config(), rules)
        assert "messages.create(" not in result.new_source
        assert "anthropic.Client(" in result.new_source
        assert "# migrator: manual" in result.new_source
        # the call is left for a person; a constructor outside its statement, which no
        # longer takes its key, is reported too (TCM020)
        assert result.manual_sites >= 1 and result.migrated_sites == 0


UNTRACED = """\
import anthropic

client = anthropic.Anthropic()
CACHE = {}


def cached(key):
    return CACHE[key].completion


r = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=5,
    prompt=f"{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}",
    {extra}
)
print(r.completion)
"""


def _untraced_findings(source: str) -> list[tuple[int, str]]:
    result = migrate_source(source, "untraced.py", Config(), RULES)
    return [(f.line, f.fix.value) for f in result.findings if "cannot trace" in f.message]


def test_a_completion_read_not_traced_to_a_call_is_reported() -> None:
    assert _untraced_findings(UNTRACED.replace("{extra}", "")) == [(8, "review")]


def test_no_untraced_report_next_to_a_call_left_for_manual_work() -> None:
    manual = UNTRACED.replace("{extra}", "*extra,")  # positional: `create` takes keywords only
    result = migrate_source(manual, "untraced.py", Config(), RULES)
    assert result.manual_sites == 1
    assert _untraced_findings(manual) == []


def test_reads_of_a_result_adapted_at_run_time_stay_and_are_not_reported() -> None:
    # `stream=` known only at run time: the result keeps the legacy shape, through an adapter.
    adapted = UNTRACED.replace("{extra}", "stream=STREAMING,")
    result = migrate_source(adapted, "untraced.py", Config(), RULES)
    assert result.manual_sites == 0 and result.migrated_sites == 1
    assert "_legacy_completion_or_events(\n    client.messages.create(\n" in result.new_source
    assert "print(r.completion)" in result.new_source
    # Only the read in another function, of a value from elsewhere, is still reported.
    assert _untraced_findings(adapted) == [(8, "review")]
