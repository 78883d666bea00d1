"""Differential testing: run a program before and after migration against the fake API.

The *before* program runs under the legacy SDK (``anthropic`` 0.x, which has
``completions``), the *after* program under the current SDK (2.x, which has
only ``messages``), both against one :class:`fakeapi.FakeAnthropic`. The two
runs are equivalent when they print the same thing and send the same
conversations with the same parameters (:func:`compare_runs`).

Typical use (see ``test_differential.py``)::

    with FakeAnthropic() as api:
        pair = run_pair(before_path, after_path, api)
        assert not pair.problems(), pair.report()
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.request
import uuid
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fakeapi.conversation import (  # noqa: E402
    HUMAN_PROMPT,
    PromptError,
    canonical_conversation_lenient,
    parse_legacy_prompt,
)
from fakeapi.server import FakeAnthropic, RecordedRequest  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parent.parent
RUN_TIMEOUT = 60.0
SAMPLING_KEYS = ("temperature", "top_p", "top_k")

_SETUP_HINT = {
    "legacy": (
        "python3.11 -m venv .venvs/legacy && .venvs/legacy/bin/pip install 'anthropic==0.125.0'"
    ),
    "current": (
        "python3.11 -m venv .venvs/current && .venvs/current/bin/pip install 'anthropic==2.12.0'"
    ),
}


# --------------------------------------------------------------------------- interpreters


def _interpreter(kind: str, env_var: str) -> str:
    configured = os.environ.get(env_var)
    path = Path(configured) if configured else REPO_ROOT / ".venvs" / kind / "bin" / "python"
    if path.is_file() and os.access(path, os.X_OK):
        return str(path)
    message = (
        f"the {kind} SDK interpreter {path} does not exist; create it from the repository root "
        f"with `{_SETUP_HINT[kind]}` (or point {env_var} at a Python that has it)"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def legacy_python() -> str:
    """The interpreter with the legacy SDK (``MIGRATOR_LEGACY_PYTHON`` or ``.venvs/legacy``)."""
    return _interpreter("legacy", "MIGRATOR_LEGACY_PYTHON")


def current_python() -> str:
    """The interpreter with the current SDK (``MIGRATOR_CURRENT_PYTHON`` or ``.venvs/current``)."""
    return _interpreter("current", "MIGRATOR_CURRENT_PYTHON")


# --------------------------------------------------------------------------- running a program


@dataclass
class RunResult:
    stdout: str
    stderr: str
    returncode: int
    requests: list[RecordedRequest] = field(default_factory=list)
    timed_out: bool = False

    def describe(self, label: str) -> str:
        lines = [
            f"--- {label}: exit code {self.returncode}{' (timed out)' if self.timed_out else ''}"
        ]
        lines.append(f"--- {label} stdout:\n{self.stdout}")
        lines.append(f"--- {label} stderr:\n{self.stderr}")
        lines.append(f"--- {label} requests:")
        for r in self.requests:
            lines.append(
                f"  {r.method} {r.path} -> {r.status}"
                + (f" {r.error_type}: {r.error_message}" if r.error_type else "")
            )
        return "\n".join(lines)


_DROPPED_ENV = re.compile(
    r"^(http_proxy|https_proxy|all_proxy|no_proxy|ftp_proxy|PYTHONPATH|PYTHONHOME|PYTHONSTARTUP|PYTHONSAFEPATH|"
    r"VIRTUAL_ENV|ANTHROPIC_.*|CLAUDE_.*|AWS_.*|PYTEST_.*|COV_CORE_.*)$",
    re.IGNORECASE,
)


def program_env(base_url: str, home: str, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment a program runs with: the fake API, a test key, no proxies."""
    env = {k: v for k, v in os.environ.items() if not _DROPPED_ENV.match(k)}
    env.update(
        {
            "ANTHROPIC_BASE_URL": base_url,
            "ANTHROPIC_API_KEY": "test-key",
            "HOME": home,
            "NO_PROXY": "*",
            "no_proxy": "*",
            "PYTHONWARNINGS": "ignore",
            "PYTHONIOENCODING": "utf-8",
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONHASHSEED": "0",
        }
    )
    env.update(extra or {})
    return env


def _fetch_requests(server_url: str, tag: str) -> list[RecordedRequest]:
    """Read a recording back over HTTP (the server may live in another process)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(f"{server_url}/_fake/requests?tag={tag}", timeout=10) as resp:
        return [RecordedRequest.from_dict(d) for d in json.load(resp)]


def run_program(
    python: str,
    path: str | os.PathLike[str],
    base_url: str | FakeAnthropic,
    *,
    args: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    timeout: float = RUN_TIMEOUT,
) -> RunResult:
    """Run ``python path`` in a temporary directory against the fake API at ``base_url``.

    The program gets a fresh recording (``<base_url>/_run/<tag>``) as its
    ``ANTHROPIC_BASE_URL``; the requests it sent come back in the result.
    """
    server_url = (
        base_url.base_url if isinstance(base_url, FakeAnthropic) else str(base_url).rstrip("/")
    )
    tag = uuid.uuid4().hex[:12]
    script = Path(path).resolve()
    with tempfile.TemporaryDirectory(prefix="migrator-run-") as tmp:
        run_env = program_env(f"{server_url}/_run/{tag}", tmp, env)
        try:
            proc = subprocess.run(
                [python, str(script), *args],
                cwd=tmp,
                env=run_env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=timeout,
            )
            stdout, stderr, code, timed_out = proc.stdout, proc.stderr, proc.returncode, False
        except subprocess.TimeoutExpired as exc:

            def _text(value: Any) -> str:
                if isinstance(value, bytes):
                    return value.decode("utf-8", "replace")
                return value or ""

            stdout, stderr, code, timed_out = _text(exc.stdout), _text(exc.stderr), -9, True
            stderr += f"\n[differential] timed out after {timeout:g} s"
    return RunResult(stdout, stderr, code, _fetch_requests(server_url, tag), timed_out)


# --------------------------------------------------------------------------- canonical requests


def _body(req: RecordedRequest | Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    if isinstance(req, RecordedRequest):
        path, body = req.path, req.body
    else:
        path, body = req.get("path", ""), req.get("body")
    return path, body if isinstance(body, dict) else {}


def canonical_request(req: RecordedRequest | Mapping[str, Any]) -> dict[str, Any]:
    """What a request asks for, the same for /v1/complete and /v1/messages.

    Keys: conversation ({system, messages} with same-role turns merged),
    max_tokens, stop_sequences (without the legacy "\\n\\nHuman:" guard; absent
    == []), temperature, top_p, top_k, stream (bool), metadata. The model is
    deliberately left out.
    """
    path, body = _body(req)
    stops = body.get("stop_sequences") or []
    if path.endswith("/complete"):
        prompt = body.get("prompt")
        try:
            conversation = (
                parse_legacy_prompt(prompt).to_dict()
                if isinstance(prompt, str)
                else {"invalid": prompt}
            )
        except PromptError as err:
            conversation = {"invalid": str(err), "prompt": prompt}
        max_tokens = body.get("max_tokens_to_sample")
        if isinstance(stops, list):
            stops = [s for s in stops if s != HUMAN_PROMPT]
    else:
        conversation = canonical_conversation_lenient(body.get("system"), body.get("messages"))
        max_tokens = body.get("max_tokens")
    return {
        "conversation": conversation,
        "max_tokens": max_tokens,
        "stop_sequences": stops,
        "temperature": body.get("temperature"),
        "top_p": body.get("top_p"),
        "top_k": body.get("top_k"),
        "stream": bool(body.get("stream")),
        "metadata": body.get("metadata"),
    }


def removed_sampling_keys(migrated_source: str) -> set[str]:
    """Sampling keys that a ``# migrator: removed ... <key>=`` comment declares dropped."""
    found: set[str] = set()
    for comment in re.findall(r"#\s*migrator:\s*removed\b[^\n]*", migrated_source):
        for key in SAMPLING_KEYS:
            if re.search(rf"\b{key}\s*=", comment):
                found.add(key)
    return found


def _short(value: Any, limit: int = 300) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def compare_runs(before: RunResult, after: RunResult, migrated_source: str) -> list[str]:
    """Human-readable differences between two runs; empty means equivalent."""
    diffs: list[str] = []
    if before.stdout != after.stdout:
        diffs.append(f"stdout differs:\n  before: {before.stdout!r}\n  after:  {after.stdout!r}")
    if before.returncode != after.returncode:
        diffs.append(f"exit code differs: before {before.returncode}, after {after.returncode}")
    if after.timed_out and not before.timed_out:
        diffs.append("the after run timed out")
    if len(before.requests) != len(after.requests):
        diffs.append(
            f"number of requests differs: before {len(before.requests)} "
            f"({', '.join(r.path for r in before.requests)}), after {len(after.requests)} "
            f"({', '.join(r.path for r in after.requests)})"
        )
    removed = removed_sampling_keys(migrated_source)
    for i, (b, a) in enumerate(zip(before.requests, after.requests, strict=False), start=1):
        where = f"request {i} ({b.path} -> {a.path})"
        if b.ok and not a.ok:
            diffs.append(
                f"{where}: the after request was refused: "
                f"{a.status} {a.error_type}: {a.error_message}"
            )
            continue
        if not b.ok:
            if (a.status, a.error_type) != (b.status, b.error_type):
                diffs.append(
                    f"{where}: the before request was refused with {b.status} {b.error_type} "
                    f"({b.error_message}), the after one got {a.status} {a.error_type or 'success'}"
                )
            continue
        cb, ca = canonical_request(b), canonical_request(a)
        for key in cb:
            vb, va = cb[key], ca.get(key)
            if key in SAMPLING_KEYS:
                if vb is not None and va is None:
                    if key not in removed:
                        diffs.append(
                            f"{where}: {key}={vb!r} was dropped without a "
                            f"'# migrator: removed ... {key}=' comment in the migrated source"
                        )
                    continue
            if vb != va:
                diffs.append(
                    f"{where}: {key} differs:\n  before: {_short(vb)}\n  after:  {_short(va)}"
                )
    return diffs


# --------------------------------------------------------------------------- pairs


@dataclass
class PairResult:
    before_path: Path
    after_path: Path
    before: RunResult
    after: RunResult
    differences: list[str]

    def problems(self) -> list[str]:
        """The differences, plus a before run that sent nothing (which proves nothing)."""
        problems = list(self.differences)
        if not self.before.requests:
            problems.insert(
                0, f"the before program {self.before_path.name} sent no request to the API"
            )
        return problems

    def report(self) -> str:
        lines = [f"differential run of {self.before_path} -> {self.after_path}"]
        lines += [f"* {p}" for p in self.problems()] or ["(no difference)"]
        lines.append(self.before.describe("before (legacy SDK)"))
        lines.append(self.after.describe("after (current SDK)"))
        return "\n".join(lines)


def run_pair(
    before_path: str | os.PathLike[str],
    after_path: str | os.PathLike[str],
    api: FakeAnthropic | str,
    *,
    migrated_source: str | None = None,
    before_python: str | None = None,
    after_python: str | None = None,
    args: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
) -> PairResult:
    """Run before (legacy SDK) and after (current SDK) against ``api`` and compare.

    ``migrated_source`` (for the ``# migrator: removed`` comments) defaults to
    the text of ``after_path``; pass the concatenated sources of a whole
    migrated project when the requests are made from several files.
    """
    before_python = before_python or legacy_python()
    after_python = after_python or current_python()
    before_path, after_path = Path(before_path), Path(after_path)
    if migrated_source is None:
        migrated_source = after_path.read_text(encoding="utf-8")
    # The two programs are independent (each has its own recording), so they run
    # side by side: a pair costs one interpreter start-up instead of two.
    with ThreadPoolExecutor(max_workers=2) as pool:
        before_future = pool.submit(
            run_program, before_python, before_path, api, args=args, env=env
        )
        after_future = pool.submit(run_program, after_python, after_path, api, args=args, env=env)
        before, after = before_future.result(), after_future.result()
    return PairResult(
        before_path, after_path, before, after, compare_runs(before, after, migrated_source)
    )
