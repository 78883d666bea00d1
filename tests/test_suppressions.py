"""``# migrator: ignore``: what a directive silences, what it leaves as written, and TCM019."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrator.cli.app import app
from migrator.core.config import Config
from migrator.engine import registry
from migrator.engine.migrate import migrate_source

LEGACY = """import anthropic

client = anthropic.Anthropic()
response = client.completions.create(FIRST
    model="claude-2",MODEL
    max_tokens_to_sample=100,
    prompt=f"{anthropic.HUMAN_PROMPT} Hello{anthropic.AI_PROMPT}",
)
print(response.completion)READ
"""


def legacy(first: str = "", model: str = "", read: str = "") -> str:
    return LEGACY.replace("FIRST", first).replace("MODEL", model).replace("READ", read)


def run(source: str, rules=None):
    return migrate_source(source, "example.py", Config(), rules or registry.all_rules())


def findings(result) -> list[tuple[int, str, str]]:
    return [(f.line, f.rule, f.fix.value) for f in result.findings]


def test_without_a_directive_the_call_is_migrated() -> None:
    result = run(legacy())
    assert result.changed and "messages.create(" in result.new_source


@pytest.mark.parametrize(
    "directive",
    [
        "  # migrator: ignore",
        "  # migrator: ignore this file exercises the legacy API on purpose",
        "  #migrator:ignore",
        "  # noqa: E501  # migrator: ignore",
    ],
)
def test_a_bare_directive_on_the_first_line_leaves_the_call_and_silences_it(
    directive: str,
) -> None:
    source = legacy(first=directive)
    result = run(source)
    assert result.new_source == source, "left exactly as written, no manual comment"
    assert result.findings == []
    assert result.manual_sites == 0 and result.migrated_sites == 0


@pytest.mark.parametrize(
    "codes",
    [
        "TCM001, TCM002, TCM005, TCM006, TCM009",
        "completions_create,prompt,max_tokens_to_sample,model,completion",
        "tcm001, prompt, TCM005, model, TCM009",
    ],
)
def test_codes_or_names_on_the_first_line_cover_every_finding_of_the_call(codes: str) -> None:
    source = legacy(first=f"  # migrator: ignore[{codes}]")
    result = run(source)
    assert result.new_source == source
    assert result.findings == []


def test_a_partial_list_leaves_the_call_as_written_and_says_so_once() -> None:
    source = legacy(first="  # migrator: ignore[TCM006] pinned model")
    result = run(source)
    assert result.new_source == source, "never half-migrated"
    assert findings(result) == [(4, "TCM001", "manual")]
    assert "silences part of this call" in result.findings[0].message
    assert result.manual_sites == 1


def test_a_directive_on_another_line_of_the_call_covers_that_line_only() -> None:
    source = legacy(model="  # migrator: ignore[model]")
    result = run(source)
    assert result.new_source == source
    assert findings(result) == [(4, "TCM001", "manual")]
    assert "on line 5" in result.findings[0].message


def test_a_directive_on_a_response_read_keeps_the_call_too() -> None:
    """Migrating the call without its `.completion` read would break the read."""
    source = legacy(read="  # migrator: ignore[TCM009]")
    result = run(source)
    assert result.new_source == source
    assert findings(result) == [(4, "TCM001", "manual")]


def test_a_directive_for_another_rule_silences_nothing_and_is_removed() -> None:
    source = legacy(read="  # migrator: ignore[TCM012]")
    result = run(source)
    assert "messages.create(" in result.new_source
    assert "# migrator: ignore" not in result.new_source
    assert (9, "TCM019", "safe") in findings(result)


MANUAL = """import anthropic

client = anthropic.Anthropic()
response = client.completions.create(FIRST
    model="claude-2", max_tokens_to_sample=10, prompt="\\n\\nHuman: Hi"
)
"""


def test_a_silenced_manual_call_gets_no_manual_comment() -> None:
    plain = run(MANUAL.replace("FIRST", ""))
    assert "# migrator: manual [TCM002]" in plain.new_source
    source = MANUAL.replace("FIRST", "  # migrator: ignore[TCM002]")
    result = run(source)
    assert result.new_source == source and result.findings == []


def test_the_tools_own_manual_comment_is_not_a_directive() -> None:
    once = run(MANUAL.replace("FIRST", "")).new_source
    again = run(once)
    assert again.new_source == once
    assert [f.rule for f in again.findings] == ["TCM002"], "still reported, never silenced"


def test_a_directive_inside_a_string_is_not_a_comment() -> None:
    source = legacy(first="").replace('" Hello', '" Hello # migrator: ignore')
    result = run(source)
    assert "messages.create(" in result.new_source


CONSTANTS = """from anthropic import HUMAN_PROMPT, AI_PROMPT  # migrator: ignore[TCM010]

PROMPT = f"{HUMAN_PROMPT} Hi{AI_PROMPT}"
"""


def test_a_module_level_finding_is_silenced_and_its_edit_left_out() -> None:
    assert run(CONSTANTS.replace("  # migrator: ignore[TCM010]", "")).changed
    result = run(CONSTANTS)
    assert result.new_source == CONSTANTS
    assert result.findings == []
    assert all(f.rule != "TCM019" for f in result.findings), "the directive was used"


def test_only_the_rules_that_ran_can_leave_a_directive_unused() -> None:
    source = legacy(read="  # migrator: ignore[TCM012]")
    rules = registry.selected(ignore=["stop_reason"])
    assert all(f.rule != "TCM019" for f in run(source, rules).findings)
    bare = legacy(read="  # migrator: ignore").replace("print(response.completion)", "x = 1")
    assert any(f.rule == "TCM019" for f in run(bare).findings)
    assert all(f.rule != "TCM019" for f in run(bare, rules).findings), (
        "a bare directive is judged only when every rule ran"
    )


def test_unused_directives_are_removed_by_migrate_and_reported_by_check(tmp_path: Path) -> None:
    target = tmp_path / "stale.py"
    target.write_text("import os  # migrator: ignore[prompt] the old prompt lived here\n")
    runner = CliRunner()
    check = runner.invoke(app, ["check", str(target)], catch_exceptions=False)
    assert check.exit_code == 1
    assert f"{target}:1:12 TCM019 `# migrator: ignore[prompt]` silences nothing" in check.stdout
    migrate = runner.invoke(app, ["migrate", str(target)], catch_exceptions=False)
    assert migrate.exit_code == 0
    assert target.read_text() == "import os\n"
    assert runner.invoke(app, ["check", str(target)], catch_exceptions=False).exit_code == 0


def test_ignoring_tcm016_keeps_stale_directives(tmp_path: Path) -> None:
    target = tmp_path / "stale.py"
    target.write_text("import os  # migrator: ignore\n")
    result = CliRunner().invoke(
        app, ["migrate", "--ignore", "unused_suppression", str(target)], catch_exceptions=False
    )
    assert result.exit_code == 0
    assert target.read_text() == "import os  # migrator: ignore\n"


def test_a_comment_that_quotes_the_directive_is_prose() -> None:
    source = legacy(read="  # a ``# migrator: ignore`` here would keep the call")
    result = run(source)
    assert "messages.create(" in result.new_source
    assert all(f.rule != "TCM019" for f in result.findings)


@pytest.mark.parametrize(
    "first", ["  # migrator: ignore[TCM001]", "  # migrator: ignore[completions_create] old API"]
)
def test_the_calls_own_rule_on_its_first_line_leaves_the_whole_call_unreported(first: str) -> None:
    """The README's example: the call stays as written, and nothing is left to report."""
    source = legacy(first=first, model="", read="")
    result = run(source)
    assert result.new_source == source
    assert result.findings == []
    assert result.manual_sites == 0 and result.migrated_sites == 0


def test_a_silenced_module_finding_beside_a_model_mapped_at_run_time() -> None:
    """The module phase runs again without the silenced rule; the model rule had already
    edited the call's plan in the first one (it crashed: "... is not in list")."""
    source = (
        "import os\n\nimport anthropic\n"
        "from anthropic import AI_PROMPT, HUMAN_PROMPT  # migrator: ignore[TCM010]\n\n"
        'MODEL = os.environ.get("MODEL", "claude-2")\nclient = anthropic.Anthropic()\n'
        "r = client.completions.create(\n"
        '    model=MODEL, max_tokens_to_sample=5, prompt="\\n\\nHuman: hi\\n\\nAssistant:"\n)\n'
        "print(r.completion)\n"
    )
    result = run(source)
    assert result.error is None
    assert "from anthropic import AI_PROMPT, HUMAN_PROMPT  # migrator: ignore[TCM010]" in (
        result.new_source
    )
    assert "model=_legacy_model_to_current(MODEL)" in result.new_source
