"""Results of files already seen, kept in ``.migrator_cache/`` so a second run does not parse them.

An entry is keyed by everything the result depends on: the file's bytes (their
SHA-256), the tool itself (its version and the size and modification time of
each of its source files, so an edited checkout never reads results of its old
self), the rules selected and every setting. An entry is a JSON document that
repeats its key and carries a checksum of its body; one that does not parse,
does not match, or fails its checksum is ignored and recomputed, never trusted.
Entries are written atomically (a temporary file renamed into place), and a
cache that cannot be read or written costs nothing but the speed-up.

Only results without errors are kept (an error message names the file it was
found in); findings are stored without their path, which the run puts back.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import migrator
from migrator.rule import Finding, Safety

FOLDER = ".migrator_cache"
_FORMAT = 1


@dataclass
class CachedResult:
    """What a run needs of one file's migration, without the file's path."""

    findings: list[Finding] = field(default_factory=list)
    new_source: str | None = None  # None: the file does not change
    migrated_sites: int = 0
    manual_sites: int = 0
    helpers: set[str] = field(default_factory=set)
    # What to diff, for a notebook (its cells); never cached, since only modules are.
    views: list[tuple[str, str, str]] | None = None


@cache
def tool_fingerprint() -> str:
    """The version, and each source file of the engine and the rules by size and mtime."""
    parts = [migrator.__version__]
    import migrator.rules as rules

    for folder in (Path(migrator.__file__).parent, *map(Path, rules.__path__)):
        for entry in sorted(os.scandir(folder), key=lambda entry: entry.name):
            if entry.name.endswith(".py"):
                stat = entry.stat()
                parts.append(f"{entry.path}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


class ResultCache:
    def __init__(self, folder: Path, settings: str) -> None:
        self.folder = folder
        self.settings = settings  # rules and config, as one string
        self.usable = True

    @classmethod
    def for_run(
        cls, folder: Path, rule_names: Sequence[str], config_fingerprint: str
    ) -> ResultCache:
        settings = json.dumps(
            {"format": _FORMAT, "tool": tool_fingerprint(), "rules": list(rule_names)}
        )
        return cls(folder, settings + config_fingerprint)

    def key(self, content_sha256: str) -> str:
        return hashlib.sha256(f"{content_sha256}\n{self.settings}".encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str, path: str) -> CachedResult | None:
        """The stored result, with ``path`` put back into its findings; None when unusable."""
        try:
            document = json.loads(self._path(key).read_bytes())
            if document.get("key") != key:
                return None
            body = document["body"]
            if document.get("checksum") != _checksum(body):
                return None
            return _decode(body, path)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def put(self, key: str, result: CachedResult) -> None:
        if not self.usable:
            return
        body = _encode(result)
        document = {"key": key, "checksum": _checksum(body), "body": body}
        target = self._path(key)
        try:
            self._prepare(target.parent)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump(document, out)
                os.replace(temporary, target)
            except BaseException:
                os.unlink(temporary)
                raise
        except OSError:
            self.usable = False  # a read-only checkout: run without the cache

    def _prepare(self, subfolder: Path) -> None:
        if not self.folder.is_dir():
            self.folder.mkdir(parents=True, exist_ok=True)
            # Never committed, and skipped by backup tools (as ruff and pytest do).
            (self.folder / ".gitignore").write_text("# Created by migrator.\n*\n")
            (self.folder / "CACHEDIR.TAG").write_text(
                "Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file is a cache directory tag created by migrator.\n"
            )
        subfolder.mkdir(exist_ok=True)


def _checksum(body: dict[str, object]) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def _encode(result: CachedResult) -> dict[str, object]:
    return {
        "findings": [
            [f.line, f.column, f.rule, f.name, f.message, f.fix.value] for f in result.findings
        ],
        "new_source": result.new_source,
        "migrated_sites": result.migrated_sites,
        "manual_sites": result.manual_sites,
        "helpers": sorted(result.helpers),
    }


def _decode(body: dict[str, object], path: str) -> CachedResult:
    findings = []
    for line, column, rule, name, message, fix in body["findings"]:  # type: ignore[attr-defined]
        values = (line, column, rule, name, message)
        if not all(
            isinstance(v, t) for v, t in zip(values, (int, int, str, str, str), strict=True)
        ):
            raise TypeError("malformed finding")
        findings.append(Finding(path, line, column, rule, name, message, Safety(fix)))
    new_source = body["new_source"]
    migrated, manual = body["migrated_sites"], body["manual_sites"]
    helpers = body["helpers"]
    if not (new_source is None or isinstance(new_source, str)):
        raise TypeError("malformed source")
    if not (isinstance(migrated, int) and isinstance(manual, int) and isinstance(helpers, list)):
        raise TypeError("malformed counts")
    if not all(isinstance(helper, str) for helper in helpers):
        raise TypeError("malformed helpers")
    return CachedResult(findings, new_source, migrated, manual, set(helpers))
