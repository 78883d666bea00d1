"""Notebooks: code cells migrated as one module, IPython syntax and the JSON kept as they were."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrator.cli.app import app
from migrator.core.config import Config
from migrator.core.findings import Safety
from migrator.engine import registry
from migrator.files.notebook import migrate_notebook
from migrator.files.notebook_cells import Cell, split
from migrator.files.notebook_ipython import mask, unmask
from migrator.files.notebook_json import NotebookError, write_back

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "_notebook" / "cells.before.ipynb"
RULES = registry.all_rules()

EXPECTED_CELL_4 = '''PROMPT = """
!this line is prompt text, not a shell line
%s"""
response = client.messages.create(
    model="claude-sonnet-5-5",
    max_tokens=100,
    messages=[{"role": "user", "content": "Say hi"}],
)
files = !ls
print("".join(block.text for block in response.content if block.type == "text"))'''
EXPECTED_CELL_6 = (
    "%%time\n"
    'again = client.messages.create(model="claude-sonnet-5-5", max_tokens=5, '
    'messages=[{"role": "user", "content": "Again"}])\n'
    '"".join(block.text for block in again.content if block.type == "text")'
)


def code(source: str) -> dict[str, object]:
    return {
        "cell_type": "code",
        "execution_count": None,
        "metadata": {},
        "outputs": [],
        "source": source.splitlines(keepends=True),
    }


def notebook(*sources: str, **dump: object) -> str:
    document = {
        "cells": [code(source) for source in sources],
        "metadata": {"language_info": {"name": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    options: dict[str, object] = {"indent": 1, "sort_keys": True, "ensure_ascii": False}
    options.update(dump)
    return json.dumps(document, **options) + "\n"  # type: ignore[arg-type]


def cell_text(cell: dict[str, object]) -> str:
    source = cell["source"]
    return "".join(source) if isinstance(source, list) else str(source)


SETUP = "import anthropic\n\nclient = anthropic.Anthropic()"
CALL = (
    'r = client.completions.create(model="claude-2", max_tokens_to_sample=5, '
    'prompt=f"{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}")\nprint(r.completion)'
)


def migrate(text: str, **config: object):
    return migrate_notebook(text, "nb.ipynb", Config(**config), RULES)


# --- the round trip ------------------------------------------------------------------------


def test_fixture_round_trip_changes_only_the_code(tmp_path: Path) -> None:
    target = tmp_path / "cells.ipynb"
    target.write_bytes(FIXTURE.read_bytes())
    result = CliRunner().invoke(app, ["migrate", str(target)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    before = json.loads(FIXTURE.read_text(encoding="utf-8"))
    after = json.loads(target.read_text(encoding="utf-8"))

    expected = [cell_text(cell) for cell in before["cells"]]
    expected[3], expected[5] = EXPECTED_CELL_4, EXPECTED_CELL_6
    assert [cell_text(cell) for cell in after["cells"]] == expected
    # Everything but the sources of the two migrated cells is as it was.
    for old, new in zip(before["cells"], after["cells"], strict=True):
        assert {k: v for k, v in old.items() if k != "source"} == {
            k: v for k, v in new.items() if k != "source"
        }
    assert {k: v for k, v in before.items() if k != "cells"} == {
        k: v for k, v in after.items() if k != "cells"
    }
    # The layout is Jupyter's own, so writing the result again gives the same bytes.
    written = target.read_text(encoding="utf-8")
    assert written == json.dumps(after, sort_keys=True, indent=1, ensure_ascii=False) + "\n"
    assert (ROOT / "fixtures" / "_notebook" / "cells.after.ipynb").read_text() == written

    again = CliRunner().invoke(app, ["migrate", "--diff", str(target)], catch_exceptions=False)
    assert again.exit_code == 0 and again.stdout == "", "a second run changes nothing"


def test_names_flow_between_cells() -> None:
    result = migrate(notebook(SETUP, CALL))
    cells = json.loads(result.new_source)["cells"]
    assert cell_text(cells[0]) == SETUP
    assert "client.messages.create(" in cell_text(cells[1])


def test_a_call_is_migrated_when_every_cell_rebinds_the_same_names() -> None:
    # The workshop notebooks' shape: each cell sends its own body and reads its own answer.
    titan = (
        'body = json.dumps({"inputText": "Hi"})\nmodelId = "amazon.titan-tg1-large"\n'
        "response = bedrock.invoke_model(body=body, modelId=modelId)\n"
        'response_body = json.loads(response.get("body").read())\n'
        'print(response_body.get("results")[0].get("outputText"))'
    )
    claude = (
        'body = json.dumps({"prompt": "\\n\\nHuman: Hi\\n\\nAssistant:", '
        '"max_tokens_to_sample": 50})\nmodelId = "anthropic.claude-v2"\n'
        "response = bedrock.invoke_model(body=body, modelId=modelId)\n"
        'response_body = json.loads(response.get("body").read())\n'
        'print(response_body.get("completion"))'
    )
    setup = 'import json\n\nimport boto3\n\nbedrock = boto3.client("bedrock-runtime")'
    result = migrate(notebook(setup, titan, claude, titan))
    cells = [cell_text(cell) for cell in json.loads(result.new_source)["cells"]]
    assert cells[1] == titan and cells[3] == titan
    assert '"messages": [{"role": "user", "content": "Hi"}]' in cells[2]
    assert 'response_body["content"]' in cells[2] and "completion" not in cells[2]
    assert [f.rule for f in result.findings if f.fix is Safety.MANUAL] == []


@pytest.mark.parametrize(
    "dump",
    [
        {"indent": 1, "sort_keys": True, "ensure_ascii": False},
        {"indent": 2, "ensure_ascii": True},
        {"indent": 4},
        {"indent": None},
    ],
    ids=["jupyter", "indent2-ascii", "indent4", "one-line"],
)
def test_the_json_layout_is_kept(dump: dict[str, object]) -> None:
    text = notebook("# H\u00e9llo \u2014 caf\u00e9\n" + SETUP, CALL, **dump)
    result = migrate(text)
    assert result.error is None and result.changed
    document = json.loads(result.new_source)
    written = {"indent": 1, "sort_keys": True, "ensure_ascii": False, **dump}
    assert result.new_source == json.dumps(document, **written) + "\n"  # type: ignore[arg-type]
    assert cell_text(document["cells"][0]).startswith("# H\u00e9llo \u2014 caf\u00e9\n")


def test_no_final_newline_and_crlf_are_kept() -> None:
    text = notebook(SETUP, CALL).rstrip("\n").replace("\n", "\r\n")
    result = migrate(text)
    assert result.changed and not result.new_source.endswith("\n")
    assert "\n" not in result.new_source.replace("\r\n", "")


def test_a_string_source_stays_a_string() -> None:
    document = json.loads(notebook(SETUP, CALL))
    for cell in document["cells"]:
        cell["source"] = cell_text(cell)
    text = json.dumps(document, indent=1)
    result = migrate(text)
    cells = json.loads(result.new_source)["cells"]
    assert isinstance(cells[1]["source"], str) and "messages.create" in cells[1]["source"]


def hand_edited(text: str) -> str:
    """The layout of two notebooks of the real-code corpus: Jupyter's, with stray spaces
    left at two line ends by a hand edit, plus a key spaced out by hand."""
    assert text.startswith('{\n "cells": [\n')
    text = '{ \n "cells": [ \n' + text[len('{\n "cells": [\n') :]
    return text.replace('"nbformat": 4', '"nbformat":   4')


def test_a_hand_edited_layout_is_kept_byte_for_byte_outside_the_changed_sources() -> None:
    text = hand_edited(notebook("# \uc124\uc815 \u2014 setup\n" + SETUP, CALL))
    result = migrate(text)
    assert result.error is None and result.changed
    document = json.loads(result.new_source)
    assert "messages.create(" in cell_text(document["cells"][1])
    # Only the changed cell's source differs: putting its old source back gives the input.
    before = json.loads(text)["cells"][1]["source"]
    assert write_back(result.new_source, document, {2: before}) == text


LAYOUTS = {
    "jupyter": lambda text: text,
    "hand-edited": hand_edited,
    "crlf-no-final-newline": lambda text: text.rstrip("\n").replace("\n", "\r\n"),
    "indent2-ascii": lambda text: json.dumps(json.loads(text), indent=2) + "\n",
    "tabs": lambda text: json.dumps(json.loads(text), indent="\t"),
    "one-line": lambda text: json.dumps(json.loads(text)),
    "compact": lambda text: json.dumps(json.loads(text), separators=(",", ":")),
    "python2": lambda text: json.dumps(json.loads(text), indent=1, separators=(", ", ": ")),
}


@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_writing_back_unchanged_sources_gives_the_same_bytes(layout) -> None:
    text = layout(notebook("# caf\u00e9\n" + SETUP, "%%time\n" + CALL, "", "x = 1"))
    document = json.loads(text)
    sources = {n: cell["source"] for n, cell in enumerate(document["cells"], 1)}
    assert write_back(text, document, sources) == text
    result = migrate(text)
    assert result.error is None and result.changed
    assert write_back(result.new_source, json.loads(result.new_source), {2: sources[2]}) == text


def test_a_source_layout_it_cannot_reproduce_is_reported_and_left_alone() -> None:
    text = notebook(SETUP, CALL).replace('"source": [\n    "r = ', '"source": [   "r = ')
    result = migrate(text)
    assert result.new_source == text
    assert "JSON layout of cell 2" in (result.error or "")
    assert any(finding.rule == "TCM001" for finding in result.findings), "still reported"


def test_a_source_that_does_not_show_its_layout_takes_the_notebooks() -> None:
    """An empty list is the same in every indent: the other cells' sources settle it."""
    text = json.dumps({"cells": [{"source": []}, {"source": ["a\n", "b"]}]}, indent=2)
    written = write_back(text, json.loads(text), {1: ["x\n", "y"]})
    assert written == text.replace(
        '"source": []', '"source": [\n        "x\\n",\n        "y"\n      ]'
    )
    alone = json.dumps({"cells": [{"source": []}, {"source": "b"}]}, indent=2)
    with pytest.raises(NotebookError, match="JSON layout of cell 1"):
        write_back(alone, json.loads(alone), {1: ["x\n", "y"]})


def test_a_notebook_without_legacy_calls_is_byte_identical() -> None:
    text = notebook("import anthropic\nclient = anthropic.Anthropic()", "%ls")
    result = migrate(text)
    assert result.new_source == text and not result.findings


# --- IPython syntax ----------------------------------------------------------------------


def test_ipython_lines_are_masked_and_restored_byte_for_byte() -> None:
    source = (
        "%load_ext autoreload\n"
        "!pip install anthropic \\\n"
        "    requests\n"
        "files = !ls -la\n"
        "anthropic.Anthropic?\n"
        "??client\n"
        "if True:\n"
        "    %time x = 1\n"
        'TEXT = """\n'
        "%not a magic inside a string\n"
        '"""\n'
        "call(\n"
        "    !x\n"  # inside brackets: not a shell line (the cell is broken anyway)
        ")\n"
    )
    masked, masks, magic_lines = mask(source, "_m_")  # type: ignore[misc]
    lines = masked.splitlines()
    assert lines[:6] == ["_m_0()", "_m_1()", "_m_2()", "_m_3()", "_m_4()", "_m_5()"]
    assert lines[7] == "    _m_6()"
    assert lines[9] == "%not a magic inside a string"
    assert lines[12] == "    !x"
    assert len(masks) == 7 and magic_lines == [0, 1, 2, 3, 4, 5, 7]
    assert unmask(masked, masks) == source
    compile(masked.replace("    !x\n", "    x\n"), "cell", "exec")


def test_a_masked_line_moved_into_a_deeper_block_keeps_its_new_indent() -> None:
    masked, masks, _ = mask("%time y = 1\n", "_m_")  # type: ignore[misc]
    moved = "with block:\n    " + masked
    assert unmask(moved, masks) == "with block:\n    %time y = 1\n"


def test_a_cell_magic_that_is_not_python_leaves_its_cell_alone() -> None:
    assert mask("%%bash\nclient.completions.create(prompt=x)\n", "_m_") is None
    text = notebook(SETUP, "%%bash\n" + CALL, "%%capture\n" + CALL)
    result = migrate(text)
    cells = json.loads(result.new_source)["cells"]
    assert cell_text(cells[1]) == "%%bash\n" + CALL
    assert cell_text(cells[2]).startswith("%%capture\nr = client.messages.create(")


def test_markers_lost_by_a_rewrite_are_an_error_not_a_guess() -> None:
    cells = [Cell(1, "a\n", True, "a\n"), Cell(2, "b\n", True, "b\n")]
    with pytest.raises(NotebookError, match="cut back"):
        split("# migrator-notebook-cell 1 n\na\nb\n", cells, "n")
    assert split(
        "# migrator-notebook-cell 1 n\na\n# migrator-notebook-cell 2 n\nb\n", cells, "n"
    ) == {
        1: "a\n",
        2: "b\n",
    }


# --- positions and errors --------------------------------------------------------------------


def test_findings_name_the_cell_and_the_line_within_it() -> None:
    result = migrate(notebook("# intro", SETUP, "\n\n" + CALL))
    call = next(finding for finding in result.findings if finding.rule == "TCM001")
    assert (call.cell, call.line, call.column) == (3, 3, 5)
    assert call.location == "nb.ipynb:cell 3:line 3:col 5"
    assert call.as_dict()["cell"] == 3


def test_a_cell_that_does_not_parse_is_skipped_and_its_legacy_call_reported() -> None:
    # Jupyter runs the other cells; the broken one is named where it holds legacy code.
    result = migrate(notebook(SETUP, "x = (\n" + CALL))
    assert result.error is None
    assert [(f.rule, f.cell) for f in result.findings] == [("TCM020", 2)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "invalid JSON"),
        ('{"nbformat": 3, "worksheets": [], "cells": []}', "nbformat 3"),
        ("[1, 2]", "not a Jupyter notebook"),
        ('{"nbformat": 4, "cells": [{"cell_type": "code"}]}', "cell 1 has no source"),
    ],
)
def test_a_malformed_notebook_is_an_error_naming_the_file(text: str, message: str) -> None:
    result = migrate_notebook(text, "bad.ipynb", Config(), RULES)
    assert result.error is not None and result.error.startswith("bad.ipynb: ")
    assert message in result.error and result.new_source == text


# --- through the command line ----------------------------------------------------------------


def test_check_reports_cell_positions_in_text_and_json(tmp_path: Path) -> None:
    (tmp_path / "nb.ipynb").write_text(notebook(SETUP, "# call\n" + CALL))
    runner = CliRunner()
    text = runner.invoke(app, ["check", str(tmp_path)], catch_exceptions=False)
    assert text.exit_code == 1
    assert f"{tmp_path / 'nb.ipynb'}:cell 2:line 2:col 5 TCM001 " in text.stdout
    document = json.loads(runner.invoke(app, ["check", "--format", "json", str(tmp_path)]).stdout)
    first = document["findings"][0]
    assert (first["cell"], first["line"], first["column"]) == (2, 2, 5)


def test_diff_shows_the_changed_cells_as_code(tmp_path: Path) -> None:
    target = tmp_path / "nb.ipynb"
    target.write_text(notebook(SETUP, CALL))
    before = target.read_bytes()
    result = CliRunner().invoke(app, ["migrate", "--diff", str(target)], catch_exceptions=False)
    assert result.exit_code == 1
    assert f"--- a/{str(target).lstrip('/')}:cell 2\n" in result.stdout
    assert "-r = client.completions.create(" in result.stdout
    assert "+r = client.messages.create(" in result.stdout
    assert "cell 1" not in result.stdout, "unchanged cells are not shown"
    assert target.read_bytes() == before


def test_a_malformed_notebook_does_not_stop_the_run(tmp_path: Path) -> None:
    # Cut short: it names the API, so it passes the prefilter and must be read.
    (tmp_path / "bad.ipynb").write_text(notebook(SETUP, CALL)[:-40])
    (tmp_path / "good.ipynb").write_text(notebook(SETUP, CALL))
    result = CliRunner().invoke(app, ["migrate", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 2
    assert str(tmp_path / "bad.ipynb") in result.stderr and "invalid JSON" in result.stderr
    assert "messages.create" in (tmp_path / "good.ipynb").read_text()


def test_clean_notebooks_cost_no_parse(tmp_path: Path, monkeypatch) -> None:
    """Notebooks without legacy code are never parsed, even when an output names the API."""
    import migrator.engine.migrate
    from migrator.run.run_report import Mode
    from migrator.run.runner import run

    def parse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a clean notebook was parsed")

    monkeypatch.setattr(migrator.engine.migrate, "migrate_source", parse)
    (tmp_path / "plain.ipynb").write_text(notebook("print(1)"))
    mention = json.loads(notebook("import anthropic"))
    mention["cells"][0]["outputs"] = [
        {"name": "stdout", "output_type": "stream", "text": ["client.completions.create\n"]}
    ]
    (tmp_path / "mention.ipynb").write_text(json.dumps(mention))
    report = run([tmp_path], Config(), RULES, Mode.CHECK)
    assert report.files_seen == 2 and not report.findings and not report.errors


def test_pip_install_pins_are_reported_and_never_rewritten() -> None:
    text = notebook(
        '%pip install -q "anthropic[bedrock]==0.25.0" requests -r reqs.txt\n'
        "!pip install --upgrade anthropic>=0.40",
        "x = 1\n!python -m pip install 'anthropic<1'",
        "%%bash\npip install anthropic==0.3",
    )
    result = migrate(text, update_pins=True)
    assert result.new_source == text, "IPython lines are left as written"
    assert [(f.cell, f.line, f.column, f.rule, f.fix.value) for f in result.findings] == [
        (1, 1, 18, "TCM018", "manual"),
        (2, 2, 25, "TCM018", "manual"),
    ]
    assert "IPython install line" in result.findings[0].message
    assert result.manual_sites == 2


def test_a_notebook_that_only_installs_the_sdk_is_checked_through_the_cli(tmp_path: Path) -> None:
    (tmp_path / "setup.ipynb").write_text(notebook("%pip install anthropic==0.25.0"))
    result = CliRunner().invoke(app, ["check", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 1
    assert f"{tmp_path / 'setup.ipynb'}:cell 1:line 1:col 14 TCM018 " in result.stdout


LEGACY_CELL = (
    "import anthropic\n"
    "client = anthropic.Anthropic()\n"
    'r = client.completions.create(model="claude-2", max_tokens_to_sample=5, '
    'prompt="\\n\\nHuman: Hi\\n\\nAssistant:")\n'
    "print(r.completion)\n"
)


def test_a_cell_that_does_not_parse_is_reported_and_the_others_migrated() -> None:
    broken = 'body = {"max_tokens_to_sample": 5,\n    oops)\n'
    text = notebook(LEGACY_CELL, broken)
    result = migrate_notebook(text, "n.ipynb", Config(), RULES)
    assert result.error is None
    cells = json.loads(result.new_source)["cells"]
    assert "messages.create" in cell_text(cells[0])
    assert cell_text(cells[1]) == broken  # left exactly as written
    unread = [f for f in result.findings if f.cell == 2]
    assert [(f.rule, f.line, f.fix.value) for f in unread] == [("TCM020", 1, "manual")]
    assert "does not parse" in unread[0].message


def test_another_kernel_whose_cells_are_python_is_migrated() -> None:
    document = json.loads(notebook(LEGACY_CELL))
    document["metadata"] = {
        "kernelspec": {"language": "python3-custom"},
        "language_info": {"name": "pyodide"},
    }
    text = json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    result = migrate_notebook(text, "n.ipynb", Config(), RULES)
    assert "messages.create" in result.new_source


def test_another_kernel_whose_cells_are_not_python_is_only_reported() -> None:
    document = json.loads(
        notebook('ask <- function(p) { POST("https://api.anthropic.com/v1/complete") }\n')
    )
    document["metadata"] = {"kernelspec": {"language": "R"}, "language_info": {"name": "R"}}
    text = json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    result = migrate_notebook(text, "n.ipynb", Config(), RULES)
    assert result.new_source == text
    assert [(f.rule, f.cell) for f in result.findings] == [("TCM020", 1)]


RUN_TIME_PROMPT = (
    'resp = client.completions.create(model="claude-2", prompt=prompt, max_tokens_to_sample=9)\n'
    "print(resp.completion)"
)


def cells_of(text: str) -> list[str]:
    return ["".join(cell["source"]) for cell in json.loads(text)["cells"]]


def test_helpers_go_after_the_imports_of_the_first_plain_cell_not_the_install_cell() -> None:
    text = notebook(
        "%pip install anthropic",
        "import anthropic\nclient = anthropic.Anthropic()\nprompt = input()",
        RUN_TIME_PROMPT,
    )
    result = migrate_notebook(text, "demo.ipynb", Config(), RULES)
    install, setup, call = cells_of(result.new_source)
    assert install == "%pip install anthropic"
    assert setup.startswith("import anthropic\n\n\ndef _legacy_prompt_to_messages(prompt):")
    assert setup.endswith("\n\n\nclient = anthropic.Anthropic()\nprompt = input()")
    assert "def _legacy" not in call and "_legacy_request_to_messages(" in call


def test_helpers_open_a_cell_without_imports_below_its_marker() -> None:
    text = notebook(
        "%pip install anthropic\nimport anthropic",
        "client = anthropic.Anthropic()\nprompt = input()",
        RUN_TIME_PROMPT,
    )
    result = migrate_notebook(text, "demo.ipynb", Config(), RULES)
    install, setup, _ = cells_of(result.new_source)
    assert install == "%pip install anthropic\nimport anthropic"
    assert setup.startswith("def _legacy_prompt_to_messages(prompt):")
    assert setup.endswith("\n\n\nclient = anthropic.Anthropic()\nprompt = input()")
    again = migrate_notebook(result.new_source, "demo.ipynb", Config(), RULES)
    assert again.new_source == result.new_source


def test_helpers_never_go_below_their_first_use() -> None:
    """Every cell before the call runs a magic: the call's own cell takes the helpers."""
    text = notebook(
        "%pip install anthropic\nimport anthropic\nclient = anthropic.Anthropic()",
        "prompt = input()\n" + RUN_TIME_PROMPT,
        "%time print('later, plain')\nx = 1",
        "y = 2",
    )
    result = migrate_notebook(text, "demo.ipynb", Config(), RULES)
    first, call, *rest = cells_of(result.new_source)
    assert "def _legacy" not in first and all("def _legacy" not in cell for cell in rest)
    assert call.startswith("def _legacy_prompt_to_messages(prompt):")
    assert call.index("def _legacy_request_to_messages") < call.index("prompt = input()")


# --- %%writefile programs --------------------------------------------------------------------

PROGRAM = (
    "import anthropic\nclient = anthropic.Anthropic()\nprompt = input()\n" + RUN_TIME_PROMPT + "\n"
)


def test_a_writefile_program_is_migrated_as_a_module_of_its_own() -> None:
    """It runs apart from the kernel, seeing none of its names: the helpers it needs go
    inside it, even when the kernel's cells have a copy of their own."""
    text = notebook(
        "import anthropic\nclient = anthropic.Anthropic()\nprompt = input()",
        RUN_TIME_PROMPT,
        "%%writefile app.py\n" + PROGRAM,
    )
    result = migrate(text)
    setup, call, program = cells_of(result.new_source)
    assert "def _legacy_prompt_to_messages" in setup and "def _legacy" not in call
    head, body = program.split("\n", 1)
    assert head == "%%writefile app.py"
    assert body.startswith("import anthropic\n\n\ndef _legacy_prompt_to_messages(prompt):")
    assert "client.messages.create(" in body and "completions" not in body
    compile(body, "app.py", "exec")
    assert migrate(result.new_source).new_source == result.new_source


def test_findings_of_a_writefile_program_are_placed_in_its_cell() -> None:
    text = notebook(SETUP, "%%file 'my app.py'\n" + LEGACY_CELL)
    result = migrate(text)
    call = next(finding for finding in result.findings if finding.rule == "TCM001")
    assert call.location == "nb.ipynb:cell 2:line 4:col 5"
    assert "messages.create(" in cells_of(result.new_source)[1]


@pytest.mark.parametrize("head", ["%%writefile run.sh", "%%writefile notes.txt", "%%bash"])
def test_a_cell_written_to_a_file_that_is_not_python_is_untouched(head: str) -> None:
    text = notebook(SETUP, f"{head}\n{LEGACY_CELL}")
    result = migrate(text)
    assert result.new_source == text and not result.findings


def test_a_writefile_program_that_does_not_parse_is_reported() -> None:
    text = notebook("%%writefile app.py\n" + LEGACY_CELL + "def broken(:\n")
    result = migrate(text)
    assert result.new_source == text
    assert [(f.rule, f.cell, f.fix.value) for f in result.findings] == [("TCM020", 1, "manual")]


def test_a_writefile_programs_calls_are_left_out_by_their_own_positions() -> None:
    """Interactive review names each call once: a program's below the kernel's module."""
    from migrator.contract.selection import LeaveOut

    text = notebook(LEGACY_CELL, "%%writefile app.py\n" + LEGACY_CELL)
    result = migrate(text)
    kernel, program = sorted(change.start for change in result.calls_changed)
    assert kernel[0] < program[0]
    config = Config()
    kept = migrate_notebook(text, "nb.ipynb", config, RULES, LeaveOut(frozenset({program})))
    migrated, left = cells_of(kept.new_source)
    assert "messages.create(" in migrated and left == "%%writefile app.py\n" + LEGACY_CELL


def test_check_reports_legacy_code_only_in_a_writefile_cell(tmp_path: Path) -> None:
    (tmp_path / "nb.ipynb").write_text(
        notebook("%pip install streamlit", "%%writefile app.py\n" + LEGACY_CELL)
    )
    result = CliRunner().invoke(app, ["check", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 1
    assert f"{tmp_path / 'nb.ipynb'}:cell 2:line 4:col 5 TCM001 " in result.stdout
