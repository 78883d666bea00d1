"""A model held in a class attribute or a field's default (migrator.analysis.held_attributes).

The literal is rewritten where the class binds it when every read of it is the model of
a migrated call and nothing in the module can give it another value; otherwise the call
maps it at run time, and the finding says why.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import libcst as cst
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from differential import current_python, legacy_python  # noqa: E402

from migrator.analysis.held import HeldLiterals  # noqa: E402
from migrator.analysis.held_attributes import held_attribute  # noqa: E402
from migrator.analysis.names_walk import analyse  # noqa: E402
from migrator.core.config import Config  # noqa: E402
from migrator.engine.registry import selected  # noqa: E402
from migrator.run.run_report import Mode  # noqa: E402
from migrator.run.runner import run  # noqa: E402

CALL = """
client = anthropic.Anthropic()
client.completions.create(model={read}, max_tokens_to_sample=9, prompt=PROMPT)
"""


def _held(source: str, read: str) -> HeldLiterals | str | None:
    """What ``held_attribute`` says of the call's ``model=`` in ``source`` + the call."""
    module = cst.parse_module(
        "import anthropic\nPROMPT = 'x'\n" + textwrap.dedent(source) + CALL.format(read=read)
    )
    analysis = analyse(module)
    (site,) = analysis.calls
    (arg,) = [arg for arg in site.call.args if arg.keyword and arg.keyword.value == "model"]
    assert isinstance(arg.value, cst.Attribute)
    return held_attribute(analysis, arg.value, site.scope)


@pytest.mark.parametrize(
    ("source", "read"),
    [
        ("class Config:\n    MODEL = 'claude-2'\n", "Config.MODEL"),
        ("class Config:\n    MODEL: str = 'claude-2'\n", "Config.MODEL"),
        ("class Config(object):\n    MODEL = 'claude-2'\n", "Config.MODEL"),
        (
            "from dataclasses import dataclass\n@dataclass\nclass S:\n    model: str = 'claude-2'\ns = S()\n",
            "s.model",
        ),
        (
            "import pydantic\nclass S(pydantic.BaseModel):\n    model: str = 'claude-2'\ns = S()\n",
            "s.model",
        ),
        (
            "from pydantic import BaseModel as B\nclass S(B):\n    model: str = 'claude-2'\ns = S()\n",
            "s.model",
        ),
    ],
)
def test_a_literal_nothing_else_can_change_is_held(source: str, read: str) -> None:
    held = _held(source, read)
    assert isinstance(held, HeldLiterals)
    assert [literal.evaluated_value for literal in held.literals] == ["claude-2"]
    assert len(held.reads) == 1 and not held.from_environment


def test_a_settings_field_comes_from_the_environment() -> None:
    source = (
        "from pydantic_settings import BaseSettings\n"
        "class S(BaseSettings):\n    model: str = 'claude-2'\ns = S()\n"
    )
    held = _held(source, "s.model")
    assert isinstance(held, HeldLiterals) and held.from_environment


@pytest.mark.parametrize(
    ("source", "read", "why"),
    [
        (
            "class C:\n    MODEL = 'claude-2'\nsetattr(C, name, 'claude-instant-1')\n",
            "C.MODEL",
            "by `setattr`",
        ),
        (
            "class C:\n    MODEL = 'claude-2'\n    def reset(self):\n        self.MODEL = 'x'\n",
            "C.MODEL",
            "bound more than once",
        ),
        (
            "class C:\n    MODEL = 'claude-2'\nfor C.MODEL in ('a',):\n    pass\n",
            "C.MODEL",
            "`C.MODEL` is assigned",
        ),
        (
            "class C:\n    MODEL = 'claude-2'\nAlias = C\n",
            "C.MODEL",
            "used otherwise than read, built or subclassed",
        ),
        (
            "class C:\n    MODEL = 'claude-2'\n    def __getattr__(self, name):\n        return name\n",
            "C.MODEL",
            "has a method that may change its attributes",
        ),
        (
            "import pydantic\nclass S(pydantic.BaseModel):\n    model: str = 'claude-2'\n"
            "    @pydantic.field_validator('model')\n    def check(cls, v):\n        return v\n"
            "s = S()\n",
            "s.model",
            "has a method that may change its attributes",
        ),
        (
            "import pydantic\nclass S(pydantic.BaseModel):\n    model: str = 'claude-2'\n"
            "s = S(**options)\n",
            "s.model",
            "may set field `model`",
        ),
        (
            "from dataclasses import dataclass, field\n@dataclass\nclass S:\n"
            "    tags: list = field(default_factory=list)\n    model: str = 'claude-2'\n"
            "s = S([])\n",
            "s.model",
            "may set field `model`",
        ),
        (
            "class C:\n    MODEL = 'claude-' + 'two'\n",
            "C.MODEL",
            "not bound to one string literal",
        ),
    ],
)
def test_what_may_change_the_attribute_keeps_it_at_run_time(
    source: str, read: str, why: str
) -> None:
    held = _held(source, read)
    assert isinstance(held, str) and why in held, held


@pytest.mark.parametrize(
    ("source", "read"),
    [
        ("import enum\nclass C(enum.Enum):\n    MODEL = 'claude-2'\n", "C.MODEL"),
        ("class C(metaclass=Meta):\n    MODEL = 'claude-2'\n", "C.MODEL"),
        (
            "from somewhere import decorate\n@decorate\nclass C:\n    MODEL = 'claude-2'\n",
            "C.MODEL",
        ),
        ("class C:\n    pass\n", "C.MODEL"),
        (
            "class C:\n    MODEL = 'claude-2'\ndef build():\n    return C()\nc = build()\n",
            "c.MODEL",
        ),
    ],
)
def test_a_class_the_tool_cannot_read_is_not_followed(source: str, read: str) -> None:
    assert _held(source, read) is None


APP = """\
import anthropic


class Config:
    MODEL = "claude-2"


client = anthropic.Anthropic()


def ask(question):
    reply = client.completions.create(
        model=Config.MODEL,
        max_tokens_to_sample=300,
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
    )
    return reply.completion
"""

TEST_APP = """\
from unittest import mock

import app
from app import Config


def test_the_configured_model_is_sent():
    with mock.patch.object(app, "client") as client:
        app.ask("What is a codemod?")
    assert client.mock_calls[0].kwargs["model"] == Config.MODEL


test_the_configured_model_is_sent()
print("passed")
"""


def _passes(python: str, root: Path) -> None:
    env = {**os.environ, "ANTHROPIC_API_KEY": "test-key"}
    done = subprocess.run(
        [python, "test_app.py"], cwd=root, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and done.stdout == "passed\n", done.stderr


def test_a_test_comparing_the_model_sent_with_the_class_attribute_still_passes(
    tmp_path: Path,
) -> None:
    root = tmp_path / "project"
    root.mkdir()
    (root / "pyproject.toml").write_text("")
    (root / "app.py").write_text(APP)
    (root / "test_app.py").write_text(TEST_APP)
    _passes(legacy_python(), root)
    run([root], Config(), selected(), Mode.WRITE, jobs=1, use_cache=False)
    app = (root / "app.py").read_text()
    assert 'MODEL = "claude-sonnet-5-5"' in app and "model=Config.MODEL," in app
    assert (root / "test_app.py").read_text() == TEST_APP
    _passes(current_python(), root)


@pytest.mark.parametrize(
    ("source", "read", "why"),
    [
        (
            "from dataclasses import dataclass\n@dataclass(frozen=True)\nclass S:\n"
            "    model: str = 'claude-2'\n    def __post_init__(self):\n"
            "        object.__setattr__(self, name, 'claude-instant-1')\n"
            "s = S()\n",
            "s.model",
            "by `object.__setattr__`",
        ),
        (
            "class C:\n    MODEL = 'claude-2'\nvars_of = C.__dict__\n",
            "C.MODEL",
            "through `__dict__`",
        ),
        (
            "import pydantic\nclass S(pydantic.BaseModel):\n    model: str = 'claude-2'\n"
            "s = S()\nt = S.model_validate(data)\n",
            "s.model",
            "`S.model_validate` builds",
        ),
        (
            "import pydantic\nclass S(pydantic.BaseModel):\n    model: str = 'claude-2'\n"
            "s = S(Model='claude-instant-1')\n",
            "s.model",
            "may set field `model`",
        ),
    ],
)
def test_a_value_set_around_the_attribute_keeps_it_at_run_time(
    source: str, read: str, why: str
) -> None:
    held = _held(source, read)
    assert isinstance(held, str) and why in held, held


def test_a_read_through_self_warns_of_subclasses_elsewhere() -> None:
    source = (
        "class C:\n    MODEL = 'claude-2'\n    def ask(self):\n"
        "        return client.completions.create(model=self.MODEL, prompt=PROMPT)\n"
    )
    module = cst.parse_module(
        "import anthropic\nPROMPT = 'x'\nclient = anthropic.Anthropic()\n" + source
    )
    analysis = analyse(module)
    (site,) = analysis.calls
    (arg,) = [arg for arg in site.call.args if arg.keyword and arg.keyword.value == "model"]
    assert isinstance(arg.value, cst.Attribute)
    held = held_attribute(analysis, arg.value, site.scope)
    assert isinstance(held, HeldLiterals) and "a subclass in another module" in held.caveat
    plain = _held("class C:\n    MODEL = 'claude-2'\n", "C.MODEL")
    assert isinstance(plain, HeldLiterals) and plain.caveat == ""
