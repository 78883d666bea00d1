"""Work the engine does once per module and shares, rather than once per rule or per use.

What is measured elsewhere (``bench/run.py``) is time; what is checked here is the
structure that time comes from: the analysis picks out each kind of node once for
every rule that asks, the module is rendered once to find every position the engine
needs, and the rewrites do not rebuild arguments they leave as they are.
"""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest

from migrator.analysis.names import ModuleAnalysis
from migrator.analysis.names_walk import analyse
from migrator.code.codegen import code_of
from migrator.code.fitting import realigned
from migrator.code.transformer import Transformer
from migrator.contract.plan import ModulePlan
from migrator.core.config import Config
from migrator.engine import call_rewrite, registry
from migrator.engine import migrate as engine
from migrator.rules.completion_type import CompletionType

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))
SOURCES = sorted((ROOT / "fixtures").glob("*/*.py")) + EXAMPLES


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_the_nodes_of_a_kind_are_those_of_the_walk_in_its_order(path: Path) -> None:
    analysis = analyse(cst.parse_module(path.read_text(encoding="utf-8")))
    for kinds in ((cst.Call,), (cst.Attribute, cst.Name), (cst.SimpleString, cst.Call)):
        expected = [
            (node, scope) for node, scope in analysis.scope_of.items() if isinstance(node, kinds)
        ]
        assert list(analysis.nodes_of(*kinds)) == expected


def test_the_nodes_of_a_kind_are_picked_out_once_for_every_rule_that_asks() -> None:
    analysis = analyse(cst.parse_module("client.completions.create(prompt=p)\nx = a.b\n"))
    calls = analysis.nodes_of(cst.Call)
    assert analysis.nodes_of(cst.Call) is calls
    assert [type(node) for node, _ in calls] == [cst.Call]


def test_the_module_is_rendered_once_for_the_positions_of_a_migrated_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The findings' nodes and the rewritten statements whose width is checked are found
    in one rendering of the module, not one for each."""
    renderings: list[int] = []
    real = engine.start_positions

    def counted(module: cst.Module, nodes: object) -> object:
        renderings.append(len(nodes))  # type: ignore[arg-type]
        return real(module, nodes)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "start_positions", counted)
    path = ROOT / "examples" / "summarise.py"
    source = path.read_text(encoding="utf-8")
    result = engine.migrate_source(source, str(path), Config(), registry.all_rules())
    assert result.changed
    assert len(renderings) == 1


def test_an_argument_on_one_line_is_kept_when_the_bracket_moves() -> None:
    """Only an argument over lines has continuation lines to move; the others are the
    same nodes, not copies rebuilt node by node."""
    call = cst.parse_expression("client.messages.create(a=1, b=f(x, y),\n    c=2)")
    assert isinstance(call, cst.Call)
    moved = realigned(call, cst.parse_expression("client.completions.create"), "", 0)
    assert moved.args[0] is call.args[0]
    assert moved.args[2] is call.args[2]


def test_an_argument_over_lines_still_follows_the_bracket() -> None:
    call = cst.parse_expression(
        "client.messages.create(a=[1,\n                                     2])"
    )
    assert isinstance(call, cst.Call)
    moved = realigned(call, cst.parse_expression("client.completions.create"), "", 0)
    assert moved.args[0] is not call.args[0]
    assert cst.Module([]).code_for_node(moved) == (
        "client.messages.create(a=[1,\n                                  2])"
    )


def test_an_argument_over_lines_none_of_which_moves_is_kept() -> None:
    """black's layout: continuation lines one step in, before the bracket; nothing moves,
    so nothing is rebuilt."""
    call = cst.parse_expression(
        "client.messages.create(\n    a=[\n        1,\n    ],\n    # note\n    b=2,\n)"
    )
    assert isinstance(call, cst.Call)
    moved = realigned(call, cst.parse_expression("client.completions.create"), "", 0)
    assert all(new is old for new, old in zip(moved.args, call.args, strict=True))


def test_a_call_laid_over_lines_is_not_rendered_as_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    """Its layout stays whatever it was: the old call's code is not needed to judge it."""
    source = (
        "import anthropic\n\nclient = anthropic.Anthropic()\nreply = client.completions.create(\n"
        '    model="claude-2",\n    max_tokens_to_sample=5,\n'
        '    prompt=f"{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}",\n)\n'
        "print(reply.completion)\n"
    )
    rendered: list[str] = []

    def recorded(node: cst.CSTNode, module: cst.Module) -> str:
        code = code_of(node, module)
        rendered.append(code)
        return code

    monkeypatch.setattr(engine, "code_of", recorded)
    monkeypatch.setattr(call_rewrite, "code_of", recorded)
    result = engine.migrate_source(source, "x.py", Config(), registry.all_rules())
    assert "client.messages.create(" in result.new_source
    assert not any(code.startswith("client.completions.create(") for code in rendered)


class _Renaming(Transformer):
    """``x`` becomes ``y``; the arguments of ``skip(...)`` are not entered."""

    def visit_Call(self, node: cst.Call) -> bool:
        return not (isinstance(node.func, cst.Name) and node.func.value == "skip")

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        return updated_node.with_changes(value="y") if updated_node.value == "x" else updated_node


class _LibcstRenaming(cst.CSTTransformer):
    visit_Call = _Renaming.visit_Call
    leave_Name = _Renaming.leave_Name


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_a_transformer_makes_what_libcsts_makes(path: Path) -> None:
    module = cst.parse_module(path.read_text(encoding="utf-8").replace("client", "x"))
    module = module.with_changes(body=[*module.body, cst.parse_statement("skip(x) + f(x)\n")])
    ours = module.visit(_Renaming()).code
    assert ours == module.visit(_LibcstRenaming()).code
    assert ours.endswith("skip(x) + f(y)\n")


def test_a_transformer_calls_no_hook_of_libcsts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where a transformer has no hook of its own for a node, nothing is called: libcst's
    stubs do nothing, and looking them up on every node and field was most of a walk."""

    def refuse(*_args: object) -> None:
        raise AssertionError("a stub was called")

    for name in ("visit_Call", "leave_Call", "visit_Call_func", "leave_Arg_comma"):
        monkeypatch.setattr(cst.CSTTransformer, name, refuse)

    class Nothing(Transformer):
        pass

    call = cst.parse_expression("f(a, b)")
    assert cst.Module([]).code_for_node(call.visit(Nothing())) == "f(a, b)"


def test_a_field_hook_is_refused_rather_than_ignored() -> None:
    with pytest.raises(TypeError, match="visit_Call_func"):

        class Hooked(Transformer):
            def visit_Call_func(self, node: cst.Call) -> None:
                pass


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_code_of_a_node_is_libcsts(path: Path) -> None:
    """Of the module, with its own newline and indentation, and of each statement alone."""
    module = cst.parse_module(path.read_text(encoding="utf-8-sig"))
    assert code_of(module, module) == module.code
    for statement in module.body:
        assert code_of(statement) == cst.Module([]).code_for_node(statement)
        assert code_of(statement, module) == module.code_for_node(statement)


def _names_resolved_by_tcm014(source: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    analysis = analyse(cst.parse_module(source))
    resolved: list[str] = []
    real = ModuleAnalysis.qualified_name

    def counted(self: ModuleAnalysis, node: cst.BaseExpression, scope: object) -> str | None:
        resolved.append(cst.Module([]).code_for_node(node))
        return real(self, node, scope)  # type: ignore[arg-type]

    monkeypatch.setattr(ModuleAnalysis, "qualified_name", counted)
    CompletionType().apply_module(ModulePlan(analysis, Config(), []))
    return resolved


def test_a_module_that_spells_no_completion_class_has_no_name_resolved_for_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """TCM014 resolves the qualified name of every name and attribute of a module that
    may use ``Completion``; one that never spells it cannot (whatever it imports it as,
    the import spells it), and its names are not resolved."""
    clean = "from anthropic.types import Message\nreply: Message = None\ntext = reply.content\n"
    assert _names_resolved_by_tcm014(clean, monkeypatch) == []
    aliased = "from anthropic.types import Completion as C\nreply: C = None\n"
    assert "C" in _names_resolved_by_tcm014(aliased, monkeypatch)
