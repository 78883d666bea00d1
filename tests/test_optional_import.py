"""The SDK as an optional dependency: ``try: import anthropic`` with a ``None`` fallback
in ``except ImportError:`` still names the SDK; other fallbacks do not."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from migrator.analysis.names_walk import analyse


def _resolved(source: str, name: str) -> str | None:
    """What the last read of ``name`` in ``source`` stands for."""
    analysis = analyse(cst.parse_module(textwrap.dedent(source)))
    use = analysis.name_uses[name][-1]
    return analysis.qualified_name(use.node, use.scope)


@pytest.mark.parametrize(
    "handler",
    [
        "except ImportError:\n    anthropic = None",
        "except ModuleNotFoundError:\n    anthropic = None",
        "except (ImportError, ModuleNotFoundError):\n    anthropic = None",
        "except ImportError:\n    anthropic = None\n    print('no SDK')",
    ],
)
def test_a_none_fallback_for_a_missing_sdk_keeps_the_module(handler: str) -> None:
    source = f"try:\n    import anthropic\n{handler}\n\nanthropic.HUMAN_PROMPT\n"
    assert _resolved(source, "anthropic") == "anthropic"


def test_a_none_fallback_for_an_imported_class_keeps_the_class() -> None:
    source = """\
        try:
            from anthropic import Anthropic
        except ImportError:
            Anthropic = None

        Anthropic()
        """
    assert _resolved(source, "Anthropic") == "anthropic.Anthropic"


@pytest.mark.parametrize(
    "source",
    [
        # another handler: the name may hold something else that has the attributes
        "try:\n    import anthropic\nexcept Exception:\n    anthropic = None\n",
        "try:\n    import anthropic\nexcept:\n    anthropic = None\n",
        # another value than None
        "try:\n    import anthropic\nexcept ImportError:\n    anthropic = shim\n",
        # the import is not the try's own
        "import anthropic\ntry:\n    pass\nexcept ImportError:\n    anthropic = None\n",
        # None bound outside a handler
        "import anthropic\nif flag:\n    anthropic = None\n",
        # None bound deeper in the handler, by a branch
        "try:\n    import anthropic\nexcept ImportError:\n    if flag:\n        anthropic = None\n",
    ],
)
def test_other_rebinding_leaves_the_name_unknown(source: str) -> None:
    assert _resolved(source + "anthropic.HUMAN_PROMPT\n", "anthropic") is None
