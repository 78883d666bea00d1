"""The contract between the engine and the rule modules.

A rule owns one documented change of the migration guide. The engine hands it
every legacy call site of a file as a :class:`~migrator.contract.plan.CallPlan`; the rule
records what it changes (or why the site cannot be changed) on the plan. The
engine renders a site only when no rule blocked it, so a site is migrated
whole or left exactly as it was. What a rule reports, a
:class:`~migrator.core.findings.Finding`, sits below the plans, in ``migrator.core.findings``.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, ClassVar

from migrator.core.findings import Safety

if TYPE_CHECKING:
    # The objects the engine hands a rule; none of them imports this module.
    from migrator.contract.plan import CallPlan, ModulePlan
    from migrator.contract.requirements import DependencyPlan
    from migrator.contract.result import FileResult
    from migrator.contract.suppression import Suppression, Suppressions


_CODE = re.compile(r"^TCM\d{3}$")
_DOC_SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead", "Fix safety")


class Rule:
    """Base class of every rule module's one public rule.

    Subclasses set ``code`` (stable, never reused), ``summary`` (one line),
    ``safety`` (the usual class of its fix) and ``since`` (the version that
    introduced it); their module's docstring is their documentation, in
    ruff's sections.
    """

    code: ClassVar[str]
    summary: ClassVar[str]
    safety: ClassVar[Safety]
    since: ClassVar[str]
    # The kind of file the Example and Use instead snippets are (its name decides).
    example_file: ClassVar[str] = "example.py"

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        for attribute in ("code", "summary", "safety", "since"):
            if attribute not in cls.__dict__:
                raise TypeError(f"rule {cls.__name__} must define {attribute!r}")
        if not _CODE.match(cls.code):
            raise TypeError(f"rule {cls.__name__}: code {cls.code!r} is not of the form TCMnnn")
        if "\n" in cls.summary or not cls.summary.strip():
            raise TypeError(f"rule {cls.__name__}: summary must be a single non-empty line")
        if not isinstance(cls.safety, Safety):
            raise TypeError(f"rule {cls.__name__}: safety must be a Safety")
        doc = cls.documentation()
        missing = [section for section in _DOC_SECTIONS if f"## {section}" not in doc]
        if missing:
            raise TypeError(f"rule {cls.__name__}: docstring lacks sections {missing}")

    @classmethod
    def documentation(cls) -> str:
        """The rule module's docstring: its documentation, in ruff's sections."""
        return sys.modules[cls.__module__].__doc__ or ""

    @classmethod
    def name(cls) -> str:
        """The rule's name is its module's name, which names its fixtures and docs too."""
        return cls.__module__.rsplit(".", 1)[-1]

    def apply(self, plan: CallPlan) -> None:
        """Record this rule's change of one legacy call site on ``plan``.

        Rules about the module as a whole (its imports, module-level
        functions of the old SDK) leave this alone and use ``apply_module``.
        """

    def apply_module(self, plan: ModulePlan) -> None:
        """Record changes that belong to the module rather than to one call site.

        Runs once per file, after every call site went through ``apply``, so
        ``plan.sites`` says which sites were migrated and which were left.
        """

    def apply_dependency(self, plan: DependencyPlan) -> None:
        """Record this rule's change of one requirement of a dependency file.

        Dependency files are ``requirements*.txt``, ``pyproject.toml`` and
        ``setup.cfg``; ``plan.requirement`` is one requirement read from one.
        """

    def review_output(self, result: FileResult) -> FileResult:
        """Look at the file as it would be written, once every rule ran; return it as it is to be.

        Runs last, on the whole result (the input, the output and every finding), for
        rules that judge what the others left, such as evidence of the legacy API that
        nothing migrated.
        """
        return result

    def claim_suppressions(self, source: str, suppressions: Suppressions) -> None:
        """Mark the directives this rule will use later (in ``review_output``) as used.

        A rule that judges the output runs after the directives are judged; it claims
        here, from the input ``source``, the ones that will silence its findings.
        """

    def apply_suppressions(self, plan: ModulePlan, unused: list[Suppression]) -> None:
        """Act on the ``# migrator: ignore`` directives that silenced nothing in this file.

        Runs once per file, after every finding is known and matched against the
        directives; ``unused`` holds each directive with a code (or every rule) that
        silenced nothing among the rules that ran.
        """
