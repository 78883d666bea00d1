"""The ``ast`` trees kept per text (:mod:`migrator.code.trees`): one parse per text, never
another text's tree, and never an answer to the depth check it could not give."""

from __future__ import annotations

import ast
from collections.abc import Iterator

import pytest

from migrator.analysis import gate
from migrator.analysis.evidence_nodes import deep_recursion
from migrator.code import trees
from migrator.code.trees import known_tree, python_tree
from migrator.engine import parse_errors


@pytest.fixture(autouse=True)
def no_kept_trees() -> Iterator[None]:
    trees.forget()
    yield
    trees.forget()


def test_an_equal_text_gets_the_kept_tree_and_another_text_its_own() -> None:
    first = python_tree("x = 1\n")
    assert python_tree("".join(["x = ", "1\n"])) is first, "an equal text, made anew"
    other = python_tree("x = 2\n")
    assert other is not first
    assert ast.dump(other) == ast.dump(ast.parse("x = 2\n"))
    assert ast.dump(first) == ast.dump(ast.parse("x = 1\n")), "the first tree is untouched"


def test_only_the_last_few_texts_are_kept() -> None:
    first = python_tree("x = 0\n")
    for value in range(1, 5):
        python_tree(f"x = {value}\n")
    assert known_tree("x = 0\n") is None
    assert python_tree("x = 0\n") is not first


def test_the_tree_of_a_long_text_is_not_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(trees, "LONGEST_KEPT", 10)
    python_tree("x = 1\n")
    python_tree("value = 12345\n")
    assert known_tree("x = 1\n") is not None
    assert known_tree("value = 12345\n") is None


def test_a_tree_parsed_with_more_room_does_not_answer_the_depth_check() -> None:
    """Under a raised recursion limit CPython parses what a program run at the top level
    cannot: that tree says nothing about the check's own limit."""
    deep = "x = " + "+".join(["1"] * 5000) + "\n"
    with deep_recursion():
        python_tree(deep)
    assert known_tree(deep) is not None
    assert parse_errors.too_deep_for_python(deep)


def test_the_depth_check_keeps_its_tree_for_the_next_reader() -> None:
    text = "x = " + "+".join(["1"] * 100) + "\n"
    assert not parse_errors.too_deep_for_python(text)
    kept = known_tree(text, within=1000)
    assert kept is not None
    assert python_tree(text) is kept
    assert not parse_errors.too_deep_for_python(text)


def test_the_prefilter_parses_a_text_once_for_the_engine() -> None:
    text = "import anthropic\nclient = anthropic.Anthropic()\nclient.completions.create()\n"
    assert gate.needs_rules(text.encode())
    assert known_tree(text, within=1000) is not None


def test_bytes_with_a_coding_cookie_are_not_taken_for_their_text() -> None:
    """Their text is not the bytes read as UTF-8: the prefilter parses the bytes."""
    text = (
        "# -*- coding: latin-1 -*-\nimport anthropic\nanthropic.Anthropic().completions.create()\n"
    )
    assert gate.needs_rules(text.encode("latin-1"))
    assert known_tree(text) is None
