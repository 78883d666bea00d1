"""Results of files already seen, kept in ``.migrator_cache/`` so a second run does not parse them.

One file holds the results of every file a run looked at, for one set of
everything a result depends on: the tool itself (its version and the size and
modification time of each of its source files, so an edited checkout never
reads results of its old self), the rules selected and every setting. It is
read once at the start of a run and written once at its end, atomically (a
temporary file renamed into place).

A file is known by its metadata first, as ruff's cache knows it: the same
path, size, modification and change times and inode mean the same content,
and the file is not even read. When the metadata changed (a checkout, a
``touch``), the file is read and known by the SHA-256 of its bytes. A file
modified within two seconds of the run is never trusted by its metadata (a
change inside the clock's granularity would keep them). A clean file is stored
as having nothing to do. A notebook's diff is made of its cells, which the
cache does not keep: a notebook known by its metadata gives its findings to
``check``, and is migrated again for a diff or a write. The cache carries a checksum of
its body, and a cache or an entry that does not parse, does not match or
fails its checksum is ignored and recomputed, never trusted; a cache that
cannot be read or written costs nothing but the speed-up. Results with errors
are not kept (an error message names the file it was found in); findings are
stored without their path, which the run puts back. A result that read other
modules of the project (:mod:`migrator.analysis.project`) keeps their metadata, and is used
again only while they are unchanged. A test held back for its doubles is finished
once every module is known; that result is kept beside its own with the facts of
the run it was made with (the clients its doubles stand in for, the run's
endpoints, the package sharing its helpers), and used again only for the same.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import migrator
from migrator.analysis import project
from migrator.analysis.shared import Edit, Want
from migrator.core.findings import Finding, Safety

FOLDER = ".migrator_cache"
_FORMAT = 8


@dataclass
class CachedResult:
    """What a run needs of one file's migration, without the file's path."""

    findings: list[Finding] = field(default_factory=list)
    new_source: str | None = None  # None: the file does not change
    migrated_sites: int = 0
    manual_sites: int = 0
    helpers: set[str] = field(default_factory=set)
    # Module-level Anthropic clients whose calls were all migrated (FileResult.clients).
    clients: tuple[str, ...] = ()
    exact_clients: tuple[str, ...] = ()  # FileResult.exact_clients
    # Its legacy endpoints, for the ``responses`` registrations of the run (FileResult's).
    endpoints_migrated: tuple[str, ...] = ()
    endpoints_left: tuple[str, ...] = ()
    served_endpoints: tuple[tuple[str, str], ...] = ()
    # What to diff, for a notebook (its cells); never cached, since only modules are.
    views: list[tuple[str, str, str]] | None = None
    # Other modules of the project read to migrate it, with their metadata then
    # (migrator.analysis.project): the result holds only while they are unchanged.
    depends: dict[str, list[int]] = field(default_factory=dict)
    # Request dicts shared across modules (migrator.analysis.shared): those it sends from another
    # module, those it binds with legacy keys (name, literal), what it made of those sent.
    wants: tuple[Want, ...] = ()
    offers: tuple[tuple[str, str], ...] = ()
    edits: tuple[Edit, ...] = ()


@cache
def tool_fingerprint() -> str:
    """The version, and each source file of the engine and the rules by size and mtime."""
    parts = [migrator.__version__]
    for path, stat in tool_sources():
        parts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def tool_sources() -> Iterator[tuple[str, os.stat_result]]:
    """Every ``.py`` file of migrator and of its rules, in their folders at any depth
    (a stage's folder, a rule split into a package), in a stable order."""
    # Found, not imported: a run over clean files imports no rule.
    spec = importlib.util.find_spec("migrator.rules")
    rule_folders = spec.submodule_search_locations or [] if spec is not None else []
    package = os.path.dirname(migrator.__file__)
    # Installed, the rules sit inside the package; in a checkout, beside it.
    outside = [folder for folder in rule_folders if not folder.startswith(package + os.sep)]
    for top in (package, *outside):
        for folder, subfolders, names in os.walk(top):
            subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
            for name in sorted(names):
                if name.endswith(".py"):
                    path = os.path.join(folder, name)
                    yield path, os.stat(path)


_POSIX = os.name == "posix"  # where a path is relative unless it starts with "/"
# A file changed this recently may change again within the clock's granularity.
_RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class Known:
    """What the cache knows of a file: None for a file with nothing to do."""

    result: CachedResult | None


# What the cache knows of every clean file: one object, not one per file.
_CLEAN = Known(None)


class ResultCache:
    def __init__(self, folder: Path, settings: str) -> None:
        self.folder = folder
        self.settings = settings  # rules and config, as one string
        digest = hashlib.sha256(settings.encode()).hexdigest()[:24]
        self.file = folder / f"results-{digest}.json"
        self.usable = True
        self._entries: dict[str, dict[str, object]] = {}
        self._by_content: dict[str, dict[str, object]] | None = None
        self._changed = False
        self._now = time.time_ns()
        self._cwd = os.getcwd()
        self._prefix = os.path.join(self._cwd, "")
        self._load()

    @classmethod
    def for_run(
        cls, folder: Path, rule_names: Sequence[str], config_fingerprint: str
    ) -> ResultCache:
        settings = json.dumps(
            {"format": _FORMAT, "tool": tool_fingerprint(), "rules": list(rule_names)}
        )
        return cls(folder, settings + config_fingerprint)

    # --- looking up --------------------------------------------------------------------------

    def by_metadata(self, path: Path | str) -> Known | None:
        """The file's result, if its metadata are those it was stored with; no read.

        Asked of every file of a warm run: a clean file costs a lookup and a ``stat``."""
        shown = os.fspath(path)
        entry = self._entries.get(self._key(shown))
        if entry is None or entry.get("stat") is None:
            return None
        try:
            if entry["stat"] != project.metadata(os.stat(shown)):
                return None
            if entry["result"] is None:
                return _CLEAN
            return self._known(entry, shown)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def by_content(self, path: Path, sha256: str) -> Known | None:
        """The result stored for these bytes, under this path or any other (unless the
        result depends on where the file is: on the modules it imports)."""
        entry = self._entries.get(self._key(path))
        elsewhere = entry is None or entry.get("sha256") != sha256
        if elsewhere:
            if self._by_content is None:
                self._by_content = {
                    str(e.get("sha256")): e for e in self._entries.values() if "sha256" in e
                }
            entry = self._by_content.get(sha256)
        if entry is None:
            return None
        try:
            known = self._known(entry, str(path))
        except (ValueError, KeyError, TypeError, AttributeError):
            return None
        if elsewhere and known is not None and known.result is not None:
            if known.result.depends or known.result.wants:
                return None
        return known

    def _key(self, path: Path | str) -> str:
        """The path from the root: the same file given the same way is the same key."""
        shown = os.fspath(path)
        if _POSIX and shown and shown[0] != "/":
            return self._prefix + shown  # what ``os.path.join`` makes of it, for less
        return os.path.join(self._cwd, shown)

    def _known(self, entry: dict[str, object], path: str) -> Known | None:
        body = entry["result"]
        if body is None:
            return Known(None)
        result = _decode(body, path)  # type: ignore[arg-type]
        return Known(result) if project.unchanged(result.depends) else None

    def held(self, path: Path, sha256: str, key: str) -> CachedResult | None:
        """A held file's result once finished with what the run learned (a test's doubles
        moved with the clients and endpoints the run migrated), if it was stored for these
        bytes and the same facts of the run (``key``)."""
        entry = self._entries.get(self._key(path))
        if entry is None or entry.get("sha256") != sha256:
            return None
        stored = entry.get("held")
        if not isinstance(stored, dict) or stored.get("key") != key:
            return None
        try:
            result = _decode(stored["result"], os.fspath(path))
        except (ValueError, KeyError, TypeError, AttributeError):
            return None
        return result if project.unchanged(result.depends) else None

    # --- storing -----------------------------------------------------------------------------

    def put(self, path: Path, sha256: str, st: os.stat_result, result: CachedResult | None) -> None:
        """Remember the file's result (None: nothing to do) for the next run."""
        if not self.usable:
            return
        racy = self._now - st.st_mtime_ns < _RACY_NS
        entry = {
            "stat": None if racy else project.metadata(st),
            "sha256": sha256,
            "result": None if result is None else _encode(result),
        }
        key = self._key(path)
        if self._entries.get(key) != entry:
            self._entries[key] = entry
            if self._by_content is not None:
                self._by_content[sha256] = entry
            self._changed = True

    def put_held(self, path: Path, sha256: str, key: str, result: CachedResult) -> None:
        """Remember a held file's finished result beside its own, for the run's facts ``key``."""
        entry = self._entries.get(self._key(path))
        if not self.usable or entry is None or entry.get("sha256") != sha256:
            return
        held = {"key": key, "result": _encode(result)}
        if entry.get("held") != held:
            entry["held"] = held
            self._changed = True

    def save(self) -> None:
        """Write what this run learned, atomically; nothing if it learned nothing."""
        if not (self.usable and self._changed):
            return
        body = json.dumps(self._entries, separators=(",", ":"))
        header = json.dumps(
            {
                "format": _FORMAT,
                "settings": self.settings,
                "checksum": hashlib.sha256(body.encode()).hexdigest(),
            }
        )
        try:
            self._prepare()
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    out.write(header + "\n" + body)
                os.replace(temporary, self.file)
            except BaseException:
                os.unlink(temporary)
                raise
        except OSError:
            self.usable = False  # a read-only checkout: run without the cache

    def _load(self) -> None:
        try:
            header, _, body = self.file.read_text(encoding="utf-8").partition("\n")
            document = json.loads(header)
            if (
                document.get("format") != _FORMAT
                or document.get("settings") != self.settings
                or document.get("checksum") != hashlib.sha256(body.encode()).hexdigest()
            ):
                return
            entries = json.loads(body)
            if isinstance(entries, dict):
                self._entries = {
                    key: entry
                    for key, entry in entries.items()
                    if isinstance(entry, dict) and isinstance(entry.get("sha256"), str)
                }
        except (OSError, ValueError, UnicodeDecodeError, AttributeError):
            return

    def _prepare(self) -> None:
        if not self.folder.is_dir():
            self.folder.mkdir(parents=True, exist_ok=True)
            # Never committed, and skipped by backup tools (as ruff and pytest do).
            (self.folder / ".gitignore").write_text("# Created by migrator.\n*\n")
            (self.folder / "CACHEDIR.TAG").write_text(
                "Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file is a cache directory tag created by migrator.\n"
            )


def _encode(result: CachedResult) -> dict[str, object]:
    return {
        "findings": [
            [f.line, f.column, f.rule, f.name, f.message, f.fix.value, f.cell]
            for f in result.findings
        ],
        "new_source": result.new_source,
        "migrated_sites": result.migrated_sites,
        "manual_sites": result.manual_sites,
        "helpers": sorted(result.helpers),
        "clients": list(result.clients),
        "exact_clients": list(result.exact_clients),
        "endpoints_migrated": list(result.endpoints_migrated),
        "endpoints_left": list(result.endpoints_left),
        "served_endpoints": [list(pair) for pair in result.served_endpoints],
        "depends": result.depends,
        "wants": [[w.path, w.name, w.text] for w in result.wants],
        "offers": [list(offer) for offer in result.offers],
        "edits": [
            [e.path, e.name, e.before, e.after, [list(n) for n in e.notes], e.sender]
            for e in result.edits
        ],
    }


def _decode(body: dict[str, object], path: str) -> CachedResult:
    findings = []
    for line, column, rule, name, message, fix, cell in body["findings"]:  # type: ignore[attr-defined]
        values = (line, column, rule, name, message)
        if not all(
            isinstance(v, t) for v, t in zip(values, (int, int, str, str, str), strict=True)
        ) or not (cell is None or isinstance(cell, int)):
            raise TypeError("malformed finding")
        findings.append(Finding(path, line, column, rule, name, message, Safety(fix), cell))
    new_source = body["new_source"]
    migrated, manual = body["migrated_sites"], body["manual_sites"]
    helpers, clients, exact = body["helpers"], body["clients"], body["exact_clients"]
    if not (new_source is None or isinstance(new_source, str)):
        raise TypeError("malformed source")
    if not (
        isinstance(migrated, int) and isinstance(manual, int) and isinstance(helpers, list)
    ) or not (isinstance(clients, list) and isinstance(exact, list)):
        raise TypeError("malformed counts")
    if not all(isinstance(name, str) for name in [*helpers, *clients, *exact]):
        raise TypeError("malformed helpers or clients")
    moved, left, registers = (
        body["endpoints_migrated"],
        body["endpoints_left"],
        body["served_endpoints"],
    )
    if not (isinstance(moved, list) and isinstance(left, list) and isinstance(registers, list)):
        raise TypeError("malformed endpoints")
    if not all(_strings(pair, 2) for pair in registers):
        raise TypeError("malformed endpoints")
    if not all(isinstance(url, str) for url in [*moved, *left]):
        raise TypeError("malformed endpoints")
    depends = body["depends"]
    if not isinstance(depends, dict) or not all(
        isinstance(path, str) and isinstance(known, list) and all(isinstance(n, int) for n in known)
        for path, known in depends.items()
    ):
        raise TypeError("malformed dependencies")
    return CachedResult(
        findings,
        new_source,
        migrated,
        manual,
        set(helpers),
        tuple(clients),
        tuple(exact),
        endpoints_migrated=tuple(moved),
        endpoints_left=tuple(left),
        served_endpoints=tuple((url, sender) for url, sender in registers),
        depends=depends,
        **_decode_sharing(body),
    )


def _strings(row: object, count: int) -> bool:
    return isinstance(row, list) and len(row) == count and all(isinstance(i, str) for i in row)


def _decode_sharing(body: dict[str, object]) -> dict[str, tuple[object, ...]]:
    """The fields of :mod:`migrator.analysis.shared`, checked (a malformed entry raises)."""
    wants, offers, edits = body["wants"], body["offers"], body["edits"]
    if not (isinstance(wants, list) and isinstance(offers, list) and isinstance(edits, list)):
        raise TypeError("malformed shared dicts")
    if not all(_strings(row, 3) for row in wants) or not all(_strings(row, 2) for row in offers):
        raise TypeError("malformed shared dicts")
    decoded = []
    for row in edits:
        if not (isinstance(row, list) and len(row) == 6 and _strings(row[:4] + row[5:], 5)):
            raise TypeError("malformed shared dicts")
        notes = row[4]
        if not isinstance(notes, list) or not all(
            isinstance(n, list)
            and len(n) == 5
            and _strings(n[:4], 4)
            and (n[4] is None or isinstance(n[4], int))
            for n in notes
        ):
            raise TypeError("malformed shared dicts")
        decoded.append(Edit(*row[:4], tuple(tuple(n) for n in notes), row[5]))  # type: ignore[arg-type]
    return {
        "wants": tuple(Want(*row) for row in wants),
        "offers": tuple(tuple(row) for row in offers),
        "edits": tuple(decoded),
    }
