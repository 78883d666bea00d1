"""``responses`` registrations that serve ``/v1/complete`` to raw HTTP code.

``responses.add(responses.POST, "https://api.anthropic.com/v1/complete",
json={"completion": " Hi", ...})`` answers the ``requests.post`` of the code
under test. Once rule TCM015 migrates that code, it posts to ``/v1/messages``
and reads a Message body: the registration no longer matches (``requests``
raises ``ConnectionError``), and the body it serves has the wrong shape.

A registration moves with the code when its URL is one the run proves to be
asked only by migrated code (:meth:`migrator.analysis.doubled.Endpoints.proven`): its URL
then ends in ``/v1/messages`` and its body is the equivalent Message
(:mod:`migrator.doubles.message_body`). One the run does not prove stays as written,
and rule TCM020 reports it; one whose URL is proven but whose shape the tool
cannot follow stays with a manual finding that says why.

``respx`` routes are the same doubles for raw ``httpx`` code: ``respx.post(URL)``
(or ``respx_mock.post(URL)``, the fixture) answered by ``.mock(return_value=
httpx.Response(200, json={...}))``, ``.respond(json={...})`` or, on the route
bound to a name, ``route.return_value = httpx.Response(...)``. They move by the
same rules; only how a double is found (:mod:`migrator.doubles.registrations_finding`) and
what it answers (:mod:`migrator.doubles.registrations_answers`) differ.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from migrator.analysis.names import ModuleAnalysis
from migrator.code.syntax import walk
from migrator.contract.plan import ModulePlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.doubles.registrations_answers import _answer, route_answer
from migrator.doubles.registrations_finding import (
    Registration,
    _bound,
    _method,
    _registrations,
    argument,
)
from migrator.doubles.transports import NotMovable

# What each library's doubles are called, the library whose posts they serve, and the verb.
_WORDS = {
    "responses": ("registration", "requests", "register"),
    "respx": ("route", "httpx", "route"),
}


def move_registrations(plan: ModulePlan, rule: type[Rule]) -> None:
    """Each registration of a legacy endpoint the run proves: moved, or left with why."""
    analysis = plan.analysis
    found = list(_registrations(analysis))
    served = {(each.url.text, _WORDS[each.library][1]) for each in found}
    plan.served_endpoints = tuple(sorted(served.union(plan.served_endpoints)))
    proven = [
        each
        for each in found
        if plan.known_endpoints.proven(each.url.text, _WORDS[each.library][1])
    ]
    for registration in proven:
        try:
            answer = route_answer if registration.library == "respx" else _answer
            registration.rewrites = answer(analysis, registration.call, plan.config)
        except NotMovable as why:
            registration.blocker = str(why)
    _block_shared(analysis, proven)
    for registration in proven:
        url = registration.url.text
        double, sender, verb = _WORDS[registration.library]
        if registration.blocker is not None:
            message = (
                f"this `{registration.library}` {double} serves `{url}`, which the run's "
                "migrated code no longer asks (it posts to /v1/messages), and the tool does "
                f"not move it: {registration.blocker}; {verb} `/v1/messages` with a Message "
                "body (`content` blocks) by hand"
            )
            plan.report(rule, registration.call, message, Safety.MANUAL)
            plan.comment(registration.call, f"# migrator: manual [{rule.code}] {message}")
            continue
        literal = registration.url.literal
        assert literal is not None  # found by the literal that ends it
        plan.rewrites.update(registration.rewrites)
        plan.rewrites[literal] = messages_path
        plan.report(
            rule,
            registration.call,
            f"the `{registration.library}` {double} of `{url}` moves to /v1/messages with the "
            f"code it serves (the run migrated every `{sender}` post to it) and answers the "
            "Message that code reads",
            Safety.SAFE,
        )


def messages_path(updated: cst.CSTNode) -> cst.CSTNode:
    """``.../v1/complete`` becomes ``.../v1/messages`` in the literal that ends a URL."""
    if isinstance(updated, cst.SimpleString):
        head, _, quote = updated.value.rpartition("complete")
        return updated.with_changes(value=f"{head}messages{quote}")
    assert isinstance(updated, cst.FormattedStringText)
    return updated.with_changes(value=updated.value[: -len("complete")] + "messages")


def _block_shared(analysis: ModuleAnalysis, moving: list[Registration]) -> None:
    """A constant on the way to a URL is changed for every reader: only when each of them is
    the URL of a registration that moves (or the value of a constant on its way)."""
    changed = True
    while changed:
        changed = False
        urls = {
            node
            for registration in moving
            if registration.blocker is None
            for node in _nodes_of(registration)
        }
        for registration in moving:
            if registration.blocker is not None:
                continue
            for name, owner, _value in registration.url.names:
                reads = [use for use in analysis.uses_of(name, owner) if not _bound(analysis, use)]
                if any(use not in urls for use in reads):
                    registration.blocker = (
                        f"its URL is held in `{name}`, which is also read elsewhere (by code "
                        "or a registration that stays as it is)"
                    )
                    changed = True
                    break


def _nodes_of(registration: Registration) -> Iterator[cst.CSTNode]:
    """The URL expression of a registration, and the values of the constants on its way."""
    call = registration.call
    first = registration.library == "respx" or _method(call) == "post"
    url = argument(call, 0 if first else 1, "url")
    assert url is not None
    yield from walk(url)
    for _name, _owner, value in registration.url.names:
        yield from walk(value)
