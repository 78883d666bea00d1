"""What an SSE loop reads of its events: the data it parses, the names it tests them by.

The loop itself (``sse.py``) decides from these what to rewrite; the literals it compares
(``"completion"``, ``b"ping"``, a tuple of names) are read by the functions here.
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis.flow import is_store
from migrator.code.syntax import walk
from migrator.rewrite.json_body import Manual
from migrator.rewrite.json_site import JsonSite


class EventTests:
    """The loop's parsed event and its tests of the event's name."""

    def __init__(self, site: JsonSite, loop: cst.For) -> None:
        self.site = site
        self.analysis = site.analysis
        self.loop = loop
        self.outcome = site.outcome
        # `completion` tests rewritten to also check that the delta is text.
        self.precise: set[cst.Comparison] = set()
        self.named: set[cst.Comparison] = set()

    def inside(self, node: cst.CSTNode) -> bool:
        return any(a is self.loop for a in self.analysis.ancestors(node))

    def _data(self) -> tuple[cst.Name, cst.CSTNode]:
        """The one variable the loop assigns ``json.loads(...)`` to, and its statement."""
        found = []
        for node in self.analysis.scope_of:
            if isinstance(node, cst.Call) and self.inside(node):
                scope = self.analysis.scope_of[node]
                if self.analysis.qualified_name(node.func, scope) == "json.loads":
                    found.append(node)
        if len(found) != 1:
            raise Manual(
                self.loop, "the loop does not parse each event's data with one `json.loads`"
            )
        parent = self.analysis.parent(found[0])
        if not (
            isinstance(parent, cst.Assign)
            and len(parent.targets) == 1
            and isinstance(parent.targets[0].target, cst.Name)
        ):
            raise Manual(found[0], "the parsed event is not assigned to one variable")
        target = parent.targets[0].target
        owner = self.analysis.lookup(target.value, self.analysis.scope_of[target])
        if owner is None or len(owner[1]) != 1:
            raise Manual(target, f"`{target.value}` is assigned more than once")
        return target, self.analysis.statement_of[parent]

    def _type_test(self, read: cst.CSTNode) -> tuple[cst.Comparison, cst.BaseExpression]:
        comparison = self.analysis.parent(read)
        if isinstance(comparison, cst.ComparisonTarget):
            comparison = self.analysis.parent(comparison)
        if not (isinstance(comparison, cst.Comparison) and len(comparison.comparisons) == 1):
            raise Manual(read, "the event's type is used other than in a test")
        return comparison, read  # type: ignore[return-value]

    def _event_name_tests(self, data: cst.Name) -> list[tuple[cst.Comparison, cst.BaseExpression]]:
        """Tests of a variable that holds the name from the last ``event:`` line."""
        analysis = self.analysis
        tests = []
        names: set[str] = set()
        for node in analysis.scope_of:
            if not (
                isinstance(node, cst.Comparison)
                and self.inside(node)
                and len(node.comparisons) == 1
            ):
                continue
            sides = [node.left, node.comparisons[0].comparator]
            literal = [s for s in sides if _event_literal(s)]
            other = [s for s in sides if not _event_literal(s)]
            if len(literal) != 1 or len(other) != 1 or not isinstance(other[0], cst.Name):
                continue
            if other[0].value == data.value:
                continue
            names.add(other[0].value)
            tests.append((node, other[0]))
        for name in names:
            found = analysis.lookup(name, analysis.scope_of[self.loop])
            if found is None:
                raise Manual(self.loop, f"`{name}` cannot be resolved")
            if not any(self.inside(binding.node) for binding in found[1] if binding.node):
                raise Manual(
                    self.loop, f"`{name}` is tested like an event name but not set in the loop"
                )
            for binding in found[1]:
                # ``text, event = "", None``: one value each, as if assigned alone.
                unpacked = (
                    binding.kind == "other"
                    and isinstance(binding.statement, cst.Assign)
                    and isinstance(binding.statement.value, (cst.Tuple, cst.List))
                )
                if binding.kind != "assign" and not unpacked:
                    raise Manual(
                        self.loop,
                        f"the event name `{name}` is set in a way the tool does not follow",
                    )
            for use in analysis.uses_of(name, found[0]):
                parent = analysis.parent(use)
                if self._is_binding(use):
                    continue
                if isinstance(parent, cst.ComparisonTarget):
                    parent = analysis.parent(parent)
                if not any(parent is comparison for comparison, _ in tests):
                    raise Manual(use, f"the event name `{name}` is used other than in tests")
        return tests

    def _is_binding(self, use: cst.Name) -> bool:
        return is_store(self.analysis, use)

    def _check_literals(
        self,
        tests: list[tuple[cst.Comparison, cst.BaseExpression | None]],
        reads: list[cst.CSTNode],
    ) -> None:
        """Every `completion` the loop spells must be in a test or a read the tool rewrites."""
        handled = [comparison for comparison, _ in tests] + reads
        covered = {id(node) for top in handled for node in walk(top)}
        for node in walk(self.loop):
            value = _text_value(node)
            if value is not None and "completion" in value and id(node) not in covered:
                raise Manual(
                    node,
                    "the loop tests for the `completion` event in a way the tool does not follow",
                )
        for comparison, _ in tests:
            values = compared_values(comparison)
            unknown = [v for v in values if v not in ("completion", "ping", "error")]
            if unknown:
                raise Manual(
                    comparison,
                    f"the loop tests for the `{unknown[0]}` event, which the tool does not map",
                )


def _negated(test: cst.BaseExpression) -> bool:
    assert isinstance(test, cst.Comparison)
    return isinstance(test.comparisons[0].operator, (cst.NotEqual, cst.NotIn))


def is_continue(line: cst.CSTNode) -> bool:
    small = (
        line.body if isinstance(line, (cst.SimpleStatementLine, cst.SimpleStatementSuite)) else []
    )
    return len(small) == 1 and isinstance(small[0], cst.Continue)


def _text_value(node: cst.CSTNode | None) -> str | None:
    """The text of a string or bytes literal (an event name may be either)."""
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        if isinstance(value, bytes):
            return value.decode("latin-1")
        return value if isinstance(value, str) else None
    return None


def bytes_compared(comparison: cst.Comparison) -> bool:
    sides = [comparison.left, comparison.comparisons[0].comparator]
    literals = [
        e.value for s in sides if isinstance(s, (cst.Tuple, cst.List, cst.Set)) for e in s.elements
    ]
    literals += [s for s in sides if isinstance(s, cst.SimpleString)]
    return any(isinstance(n, cst.SimpleString) and "b" in n.prefix.lower() for n in literals)


def _event_literal(node: cst.BaseExpression) -> bool:
    if isinstance(node, (cst.Tuple, cst.List, cst.Set)):
        return bool(node.elements) and all(_text_value(e.value) is not None for e in node.elements)
    return _text_value(node) in ("completion", "ping", "error")


def compared_values(comparison: cst.Comparison) -> list[str]:
    values: list[str] = []
    for side in (comparison.left, comparison.comparisons[0].comparator):
        if isinstance(side, (cst.Tuple, cst.List, cst.Set)):
            values += [v for e in side.elements if (v := _text_value(e.value)) is not None]
        elif (value := _text_value(side)) is not None:
            values.append(value)
    return values
