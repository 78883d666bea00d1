"""Every manual finding has a documented kind: the list of ``docs/manual-reasons.md``.

The fixtures hold every reason the rules give for leaving a site: each fixture is migrated
here, and each manual finding must fall under a kind of :mod:`migrator.core.manual_kinds` that
has its section in the document.
"""

from __future__ import annotations

import json
import re

import pytest
from fixtures_support import ROOT, cases

from migrator.core.config import Config
from migrator.core.findings import Finding, Safety
from migrator.core.manual_kinds import (
    KINDS,
    SIGNS,
    count_by_kind,
    finding_document,
    finding_kind,
    kind_of,
)
from migrator.engine import registry
from migrator.files.filekinds import kind_of as file_kind_of
from migrator.files.filekinds import migrate_text

DOC = ROOT / "docs" / "manual-reasons.md"


def manual_findings_of_the_fixtures() -> list[tuple[str, Finding]]:
    found = []
    rules = registry.all_rules()
    for case in cases():
        source = case.source.read_text(encoding="utf-8")
        config = Config(**case.config_overrides())
        result = migrate_text(file_kind_of(case.filename), source, case.filename, config, rules)
        found += [(case.id, f) for f in result.findings if f.fix is Safety.MANUAL]
    return found


def test_every_manual_finding_of_the_fixtures_has_a_documented_kind() -> None:
    found = manual_findings_of_the_fixtures()
    assert len(found) > 100, "the fixtures hold well over a hundred manual findings"
    unplaced = [f"{case}: {f.rule} {f.message}" for case, f in found if finding_kind(f) is None]
    assert not unplaced, "manual findings of no kind:\n" + "\n".join(unplaced)
    # Most kinds have fixtures; a table that put everything under one kind would show here.
    placed = {finding_kind(f) for _, f in found}
    assert len(placed) == len(KINDS)


def test_no_sign_places_every_finding() -> None:
    """A sign that matches whatever a rule says would hide a new reason from the test above;
    only a rule whose every manual finding is one kind may go without words."""
    catch_all = [sign for sign in SIGNS if sign.words is None and not sign.rules]
    assert not catch_all
    assert kind_of("TCM001", "a reason no sign knows") is None


def sections() -> list[str]:
    return re.findall(r"^## (.+)$", DOC.read_text(encoding="utf-8"), re.M)


def test_every_kind_has_its_section_and_every_section_is_a_kind() -> None:
    assert sorted(kind.heading for kind in KINDS) == sorted(sections())


def test_the_table_of_the_document_lists_every_kind_with_its_id() -> None:
    rows = re.findall(r"^\| (.+?) \| `(.+?)` \| \d+ \|", DOC.read_text(encoding="utf-8"), re.M)
    assert sorted(rows) == sorted((kind.label, kind.id) for kind in KINDS)


def test_ids_and_anchors_are_unique_and_anchors_are_githubs() -> None:
    assert len({kind.id for kind in KINDS}) == len({kind.anchor for kind in KINDS}) == len(KINDS)
    project_option = next(kind for kind in KINDS if kind.id == "project-option")
    assert project_option.anchor == "an-option-of-the-projects-own-interface"
    assert project_option.doc == "docs/manual-reasons.md#an-option-of-the-projects-own-interface"


@pytest.mark.parametrize(
    "schema", ["check-output.schema.json", "migrate-output.schema.json"], ids=["check", "migrate"]
)
def test_the_json_schemas_name_every_kind(schema: str) -> None:
    document = json.loads((ROOT / "docs" / schema).read_text(encoding="utf-8"))
    definitions = document.get("definitions", {})
    finding = definitions.get("finding") or document["properties"]["findings"]["items"]
    assert finding["properties"]["kind"]["enum"] == [*(kind.id for kind in KINDS), None]


@pytest.mark.parametrize(
    ("rule", "message", "expected"),
    [
        # "does not parse" of a loop's JSON is about reading the answer, not a syntax error.
        (
            "TCM016",
            "the loop does not parse each chunk with one `json.loads`",
            "answer-not-followed",
        ),
        ("TCM015", "the body `body` is changed after it is built", "request-not-followed"),
        # A pre-0.3 client's option is the SDK's, not one of the project's own interface.
        (
            "TCM020",
            "`api_url=` is given to `anthropic.Client(...)`: an option of the pre-0.3 SDK's "
            "client, which the current one refuses (TypeError)",
            "removed-from-sdk",
        ),
        # A patch that stays is a test double, though its message says what no longer exists.
        (
            "TCM014",
            "`anthropic.resources.Completions.create` no longer exists in the SDK and this "
            "patch is not moved to `anthropic.resources.Messages.create`",
            "test-double",
        ),
        ("TCM018", "`anthropic==0.3.11` keeps the SDK below 1.0", "sdk-pin"),
    ],
)
def test_a_sign_names_why_the_rule_stopped(rule: str, message: str, expected: str) -> None:
    kind = kind_of(rule, message)
    assert kind is not None and kind.id == expected


def finding(message: str, fix: Safety = Safety.MANUAL, rule: str = "TCM002") -> Finding:
    return Finding("a.py", 1, 1, rule, "prompt", message, fix)


def test_a_finding_has_a_kind_only_when_it_is_manual_work() -> None:
    refused = "the prompt does not end with an Assistant turn, which the legacy API refused"
    assert finding_document(finding(refused))["kind"] == "refused-prompt"
    assert "kind" not in finding_document(finding(refused, Safety.REVIEW))
    assert finding_document(finding("a reason no sign knows"))["kind"] is None


def test_counts_by_kind_put_the_most_first_and_the_unplaced_last() -> None:
    findings = [
        finding("a reason no sign knows"),
        finding("which the legacy API refused"),
        finding("the legacy endpoint `/v1/complete` is named", rule="TCM020"),
        finding("the legacy endpoint `/v1/complete` is named again", rule="TCM020"),
        finding("which the legacy API refused", Safety.REVIEW),  # migrated: not counted
    ]
    counted = [
        (None if kind is None else kind.id, count) for kind, count in count_by_kind(findings)
    ]
    assert counted == [("request-not-followed", 2), ("refused-prompt", 1), (None, 1)]
