"""What migrating one file's text gives back, whatever kind of file it is.

Kept apart from the engine so that files that are not Python (dependency
lists) can report without importing libcst.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from migrator.contract.selection import CallChange
from migrator.core.findings import Finding


@dataclass
class FileResult:
    path: str
    source: str
    new_source: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    migrated_sites: int = 0
    manual_sites: int = 0
    # Names of the runtime helpers the new source calls.
    helpers: set[str] = field(default_factory=set)
    # What a reader should see diffed, as (label, before, after) texts; None means the
    # whole file. A notebook shows its code cells, not the JSON that holds them.
    views: list[tuple[str, str, str]] | None = None
    # Module-level names bound to an Anthropic client, when every call of the module on
    # them was migrated: a test in another module may patch ``<module>.<name>.completions``.
    clients: tuple[str, ...] = ()
    # The changes made, in units interactive review asks about (see migrator.contract.selection):
    # call sites in the order they start, and the codes of the rules that edited
    # something outside the call sites, in the order they ran.
    calls_changed: tuple[CallChange, ...] = ()
    rules_changed: tuple[str, ...] = ()
    # When changes are left out: the lines of ``source`` where the rules that judge the
    # output (TCM020) report with nothing left out, the only lines where they may report.
    # Evidence left with a skipped change is not work the migration left behind.
    judged: frozenset[int] | None = None
    # Of ``clients``, those whose migrated calls send the legacy request's counterpart and
    # nothing more (no ``timeout=`` added): a test may assert the request they send.
    exact_clients: tuple[str, ...] = ()
    # Legacy endpoints (whole URLs ending in ``/v1/complete``) whose ``requests`` posts the
    # module moved to ``/v1/messages``, and the endpoints its code still names once migrated:
    # a ``responses`` registration of another module moves with the run's posts
    # (:class:`migrator.analysis.doubled.Endpoints`).
    endpoints_migrated: tuple[str, ...] = ()
    endpoints_left: tuple[str, ...] = ()
    # The legacy endpoints the module's ``responses`` and ``respx`` doubles serve, each with
    # the library whose posts they intercept: they move only once the run's endpoints are
    # known (:meth:`migrator.analysis.doubled.Endpoints.moves_any`).
    served_endpoints: tuple[tuple[str, str], ...] = ()

    @property
    def changed(self) -> bool:
        return self.error is None and self.new_source != self.source

    def diff_views(self) -> list[tuple[str, str, str]]:
        if self.views is not None:
            return self.views
        return [(self.path, self.source, self.new_source)]
