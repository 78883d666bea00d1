"""Invariants over generated input: no crash on any input, the output parses, a second run
changes nothing, and a file without a legacy call comes out byte-identical.

Programs come from ``hypothesmith`` (arbitrary valid Python from the grammar), text and bytes
from hypothesis itself. Example counts are bounded so that the suite stays quick.
"""

from __future__ import annotations

import ast
import tempfile
from pathlib import Path

import hypothesmith
import libcst as cst
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from migrator.core.config import Config
from migrator.engine import registry
from migrator.engine.migrate import migrate_source
from migrator.run.one_file import process_file
from migrator.run.run_report import Mode

RULES = registry.all_rules()
CONFIG = Config()
# Enough to pass the byte prefilter, so the file is parsed and analysed, without any call.
PREFILTER_BAIT = "\n# anthropic completions max_tokens_to_sample HUMAN_PROMPT\n"
LEGACY = """
import anthropic as _anthropic_for_the_test

_client_for_the_test = _anthropic_for_the_test.Anthropic()
_response_for_the_test = _client_for_the_test.completions.create(
    model="claude-2",
    max_tokens_to_sample=10,
    prompt=f"{_anthropic_for_the_test.HUMAN_PROMPT} Hi{_anthropic_for_the_test.AI_PROMPT}",
)
print(_response_for_the_test.completion)
"""

bounded = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def rejected_by_the_parser(result) -> bool:  # type: ignore[no-untyped-def]
    """libcst refuses a few programs CPython accepts; that must be a clear error, not a crash."""
    return result.error is not None and "cannot parse" in result.error


def assert_parses(new: str, old: str) -> None:
    """Python parses the output, or (for code newer than this Python) libcst does."""
    try:
        ast.parse(new)
    except SyntaxError:
        try:
            ast.parse(old)
        except SyntaxError:
            cst.parse_module(new)
        else:
            raise


@bounded
@given(hypothesmith.from_grammar())
def test_a_program_without_legacy_calls_is_byte_identical(program: str) -> None:
    for source in (program, program + PREFILTER_BAIT):
        result = migrate_source(source, "generated.py", CONFIG, RULES)
        if rejected_by_the_parser(result):
            continue
        assert result.error is None, result.error
        assert result.new_source == source
        assert not result.findings, result.findings


@bounded
@given(hypothesmith.from_grammar())
def test_a_legacy_call_after_any_program_migrates_to_code_that_parses(program: str) -> None:
    source = program.rstrip("\\\n") + "\n" + LEGACY
    try:
        ast.parse(source)
    except SyntaxError:
        event("the program does not survive the join")
        return  # the generated program does not survive the join (a dangling decorator, say)
    result = migrate_source(source, "generated.py", CONFIG, RULES)
    if rejected_by_the_parser(result):
        event("libcst rejects the program")
        return
    assert result.error is None, result.error
    ast.parse(result.new_source)
    kept = source[: len(program.rstrip("\\\n"))]
    assert result.new_source.startswith(kept), "the generated program is left as it was"
    assert "_client_for_the_test.messages.create(" in result.new_source
    again = migrate_source(result.new_source, "generated.py", CONFIG, RULES)
    assert again.error is None and again.new_source == result.new_source, "second run"


@bounded
@given(st.text(max_size=400))
def test_no_crash_on_any_text(text: str) -> None:
    for source in (text, text + PREFILTER_BAIT, LEGACY + text):
        result = migrate_source(source, "any.py", CONFIG, RULES)
        if result.changed:
            assert_parses(result.new_source, source)
        else:
            assert result.new_source == source


@bounded
@given(st.binary(max_size=400))
def test_no_crash_on_any_bytes_and_nothing_half_written(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "any.py"
        for content in (data, LEGACY.encode() + data):
            target.write_bytes(content)
            report = process_file(target, CONFIG, RULES, Mode.WRITE)
            written = target.read_bytes()
            if report is None or report.error is not None or not report.changed:
                assert written == content, "an error or no change writes nothing"
            else:
                assert_parses(
                    written.decode("utf-8", "replace"), content.decode("utf-8", "replace")
                )
                assert list(Path(folder).iterdir()) == [target], "no temporary file left"
