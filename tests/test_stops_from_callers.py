"""A stop list a parameter brings to the call from the module's callers (TCM008).

Filtered at the call when every value the parameter gets in the module is a list or
tuple (the fixtures `stop_sequences/passed_by_a_caller` and `stored_from_a_config_dict`
run it); reported when one may be something else, and left alone when no caller passes
the marker.
"""

from __future__ import annotations

import textwrap

from migrator.core.config import Config
from migrator.engine import registry
from migrator.files.filekinds import kind_of, migrate_text

TEMPLATE = """\
import anthropic

client = anthropic.Anthropic()


def generate(text, stop{default}):
    out = client.completions.create(
        model="claude-2",
        prompt=f"{{anthropic.HUMAN_PROMPT}} {{text}}{{anthropic.AI_PROMPT}}",
        max_tokens_to_sample=40,
        stop_sequences=stop,
    )
    return out.completion


{calls}
"""


def _migrate(default: str, calls: str):
    source = TEMPLATE.format(default=default, calls=textwrap.dedent(calls))
    result = migrate_text(kind_of("app.py"), source, "app.py", Config(), registry.all_rules())
    assert result.error is None
    stops = [f for f in result.findings if f.rule == "TCM008"]
    return result.new_source, stops


def test_a_caller_that_may_pass_none_is_reported_not_filtered() -> None:
    new, stops = _migrate(
        "=None", 'print(generate("Hi", [anthropic.HUMAN_PROMPT]))\nprint(generate("Hi"))\n'
    )
    assert "stop_sequences=stop," in new
    assert len(stops) == 1 and stops[0].fix.value == "review"
    assert "may hold the Human marker" in stops[0].message
    assert "given to `generate`" in stops[0].message


def test_callers_that_pass_lists_get_the_marker_filtered() -> None:
    new, stops = _migrate(
        "", 'print(generate("Hi", ["\\n\\nHuman:"]))\nprint(generate("Hi", stop=("END",)))\n'
    )
    assert 'stop_sequences=[sequence for sequence in stop if sequence != "\\n\\nHuman:"],' in new
    assert [f.fix.value for f in stops] == ["safe"]


def test_no_caller_passing_the_marker_leaves_the_list_alone() -> None:
    new, stops = _migrate("", 'print(generate("Hi", ["END"]))\n')
    assert "stop_sequences=stop," in new
    assert stops == []
