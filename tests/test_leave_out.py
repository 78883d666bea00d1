"""The engine leaves changes out on request (interactive review) as if it had never found them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from migrator.contract.selection import NOTHING, LeaveOut
from migrator.core.config import Config
from migrator.engine import registry
from migrator.engine.migrate import migrate_source
from migrator.files.notebook import migrate_notebook

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

TWO_CALLS = """import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT

client = anthropic.Anthropic()


def first():
    response = client.completions.create(
        model="claude-2",
        max_tokens_to_sample=100,
        prompt=f"{HUMAN_PROMPT} Hello{AI_PROMPT}",
    )
    return response.completion


def second():
    answer = client.completions.create(model="claude-2", max_tokens_to_sample=10, prompt=f"{HUMAN_PROMPT} Hi{AI_PROMPT}")
    print(answer.completion)
"""
# Two calls of the pre-0.3 SDK on one client: they are migrated together or not at all.
LINKED = """import anthropic

client = anthropic.Client("my-key")
first = client.completion(
    prompt=f"{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}",
    model="claude-v1",
    max_tokens_to_sample=100,
)
print(first["completion"])
second = client.completion(
    prompt=f"{anthropic.HUMAN_PROMPT} Bye{anthropic.AI_PROMPT}",
    model="claude-v1",
    max_tokens_to_sample=100,
)
print(second["completion"])
"""


def migrate(source: str, leave_out: LeaveOut = NOTHING, path: str = "example.py"):
    return migrate_source(source, path, Config(), registry.all_rules(), leave_out=leave_out)


def everything(result) -> LeaveOut:
    """Every change the result names."""
    calls = frozenset(change.start for change in result.calls_changed)
    return LeaveOut(calls=calls, rules=frozenset(result.rules_changed))


def test_the_result_names_each_call_by_where_it_starts_and_each_rule_that_edits_the_module():
    result = migrate(TWO_CALLS)
    assert [change.start for change in result.calls_changed] == [(8, 15), (17, 13)]
    assert "TCM010" in result.rules_changed  # the HUMAN_PROMPT import


def test_a_call_left_out_stays_byte_for_byte_and_is_not_reported():
    result = migrate(TWO_CALLS, LeaveOut(calls=frozenset({(8, 15)})))
    first = result.new_source.index("def first():")
    second = result.new_source.index("def second():")
    assert (
        result.new_source[first:second]
        == TWO_CALLS[TWO_CALLS.index("def first():") : TWO_CALLS.index("def second():")]
    )
    assert "# migrator:" not in result.new_source
    assert "answer = client.messages.create(" in result.new_source, "the other call migrates"
    assert all(finding.line > 12 or finding.rule == "TCM010" for finding in result.findings)
    assert result.migrated_sites == 1 and result.manual_sites == 0


def test_a_rule_left_out_keeps_its_module_edits_and_their_findings_out():
    full = migrate(TWO_CALLS)
    assert "from anthropic import AI_PROMPT, HUMAN_PROMPT" not in full.new_source
    result = migrate(TWO_CALLS, LeaveOut(rules=frozenset({"TCM010"})))
    assert "from anthropic import AI_PROMPT, HUMAN_PROMPT\n" in result.new_source
    assert result.new_source.count("messages.create(") == 2, "the calls still migrate"
    assert not any(finding.rule in ("TCM010", "TCM020") for finding in result.findings)
    assert "# migrator:" not in result.new_source


def test_leaving_out_one_of_two_linked_calls_leaves_the_other_for_manual_work():
    result = migrate(LINKED, LeaveOut(calls=frozenset({(4, 8)})))
    assert "messages.create" not in result.new_source, "never half migrated"
    assert [(f.line, f.rule, f.fix.value) for f in result.findings if f.rule == "TCM001"] == [
        (10, "TCM001", "manual")
    ]
    assert "# migrator: manual [TCM001] it shares its response variable" in result.new_source
    assert result.new_source.index("# migrator: manual [TCM001]") > result.new_source.index(
        "first = client.completion("
    ), "the call left out gets no comment"


@pytest.mark.parametrize(
    "fixture",
    [
        "completion/reassigned_response",  # response reads
        "client_completion/client_built_elsewhere",  # a client converted by the module phase
        "client_completion/one_call_left_manual",  # manual comments are changes too
        "legacy_evidence/guarded_from_import",  # TCM020 must not report what TCM010 handled
        "legacy_evidence/request_dict_built_in_steps",  # a request that reaches a converter
        "raw_http/http_client_manual",  # module-level call sites
        "model/constant_for_two_calls",  # a module constant rewritten for its calls
    ],
)
def test_leaving_out_every_change_gives_the_file_back_unchanged_and_unreported(fixture: str):
    path = FIXTURES / f"{fixture}.before.py"
    source = path.read_text()
    full = migrate(source, path=str(path))
    assert full.changed
    result = migrate(source, everything(full), path=str(path))
    assert result.error is None
    assert result.new_source == source
    assert result.findings == []


def test_leaving_out_nothing_changes_nothing():
    assert migrate(TWO_CALLS, LeaveOut()).new_source == migrate(TWO_CALLS).new_source


def test_a_notebook_names_its_calls_in_the_module_of_its_cells_and_leaves_them_out():
    path = FIXTURES / "_notebook" / "cells.before.ipynb"
    text = path.read_text()
    full = migrate_notebook(text, str(path), Config(), registry.all_rules())
    assert full.changed and full.calls_changed
    kept = full.calls_changed[0].start
    result = migrate_notebook(
        text, str(path), Config(), registry.all_rules(), LeaveOut(calls=frozenset({kept}))
    )
    assert result.migrated_sites == full.migrated_sites - 1
    assert "# migrator:" not in "".join(
        "".join(cell["source"]) for cell in json.loads(result.new_source)["cells"]
    )
    none = migrate_notebook(text, str(path), Config(), registry.all_rules(), everything(full))
    assert none.new_source == text and none.findings == []


def test_the_reference_migration_is_made_once_per_text(monkeypatch: pytest.MonkeyPatch):
    """Interactive review asks many questions of one file: the migration with nothing left
    out, which the output is judged against, is not made again for each of them."""
    from migrator.engine import migrate as engine

    made: list[LeaveOut] = []
    real = engine._migrate_parsed

    def counting(job, leave_out=NOTHING, known_endpoints=engine.NO_ENDPOINTS):
        made.append(leave_out)
        return real(job, leave_out, known_endpoints)

    monkeypatch.setattr(engine, "_migrate_parsed", counting)
    engine._last_judged.clear()
    first, second = LeaveOut(calls=frozenset({(8, 15)})), LeaveOut(calls=frozenset({(17, 13)}))
    migrate(TWO_CALLS, first)
    migrate(TWO_CALLS, second)
    assert made == [NOTHING, first, second]
