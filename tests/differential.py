"""Differential testing: run a program before and after migration against the fake API.

The *before* program runs under the legacy SDK (``anthropic`` 0.x, which has
``completions``), the *after* program under the current SDK (2.x, which has
only ``messages``), both against one :class:`migrator.testing.FakeAnthropic`. The two
runs are equivalent when they print the same thing and send the same
conversations with the same parameters (:func:`compare_runs`).

Typical use (see ``test_differential.py``)::

    with FakeAnthropic() as api:
        pair = run_pair(before_path, after_path, api)
        assert not pair.problems(), pair.report()
"""

from __future__ import annotations

import atexit
import dataclasses
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from migrator.code.wrapping import unwrapped  # noqa: E402
from migrator.testing.contract import MAX_OUTPUT_TOKENS, RecordedRequest  # noqa: E402
from migrator.testing.conversation import (  # noqa: E402
    HUMAN_PROMPT,
    PromptError,
    canonical_conversation_lenient,
    parse_legacy_prompt,
)
from migrator.testing.server import FakeAnthropic  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parent.parent
FORKSERVER = Path(__file__).resolve().parent / "forkserver.py"
RUN_TIMEOUT = 60.0
SAMPLING_KEYS = ("temperature", "top_p", "top_k")

_SETUP_HINT = {
    "legacy": (
        "python3.11 -m venv .venvs/legacy && .venvs/legacy/bin/pip install 'anthropic==0.125.0' requests httpx boto3 aiohttp"
    ),
    "current": (
        "python3.11 -m venv .venvs/current && .venvs/current/bin/pip install 'anthropic==2.12.0' requests httpx boto3 aiohttp"
    ),
    # Its ANTHROPIC_BASE_URL hook is installed by the script too (tests/sdk02_base_url.py).
    "sdk02": "bash scripts/setup.sh --no-demo",
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


def sdk02_python() -> str:
    """The interpreter with the pre-0.3 SDK (``MIGRATOR_SDK02_PYTHON`` or ``.venvs/sdk02``).

    ``anthropic`` 0.2 does not read ``ANTHROPIC_BASE_URL``; ``scripts/setup.sh``
    installs a hook into that environment that makes it (``sdk02_base_url.py``).
    """
    return _interpreter("sdk02", "MIGRATOR_SDK02_PYTHON")


# A before program written for the pre-0.3 SDK (``Client(key).completion(...)``)
# says so with this line; it then runs under ``sdk02_python()``.
SDK02_MARKER = "# migrator-fixture: sdk02"


def before_python_for(path: str | os.PathLike[str]) -> str:
    """The interpreter a before program runs under: the pre-0.3 SDK when it is marked."""
    if SDK02_MARKER in Path(path).read_text(encoding="utf-8").splitlines():
        return sdk02_python()
    return legacy_python()


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
    r"VIRTUAL_ENV|ANTHROPIC_.*|CLAUDE_.*|AWS_.*|PYTEST_.*|COV_CORE_.*|MIGRATOR_DIFF_.*)$",
    re.IGNORECASE,
)


def program_env(base_url: str, home: str, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment a program runs with: the fake API, a test key, no proxies."""
    env = {k: v for k, v in os.environ.items() if not _DROPPED_ENV.match(k)}
    env.update(
        {
            "ANTHROPIC_BASE_URL": base_url,
            "ANTHROPIC_API_KEY": "test-key",
            # boto3's Bedrock runtime client goes to the fake too, with test credentials.
            "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": base_url,
            "ANTHROPIC_BEDROCK_BASE_URL": base_url,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_EC2_METADATA_DISABLED": "true",
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

    It runs in a child of a fork server for ``python`` (``forkserver.py``), which
    has the SDK imported already, and gives the same result as a fresh
    ``python path`` would; ``MIGRATOR_DIFF_SUBPROCESS=1`` starts a fresh one
    for every program instead.
    """
    server_url = (
        base_url.base_url if isinstance(base_url, FakeAnthropic) else str(base_url).rstrip("/")
    )
    script = Path(path).resolve()
    if _fork_server_enabled():
        result = _run_forked(python, script, server_url, args, env, timeout)
        if result is not None:
            return result
    return _run_subprocess(python, script, server_url, args, env, timeout)


def _run_subprocess(
    python: str,
    script: Path,
    server_url: str,
    args: Sequence[str],
    env: Mapping[str, str] | None,
    timeout: float,
) -> RunResult:
    tag = uuid.uuid4().hex[:12]
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


# --------------------------------------------------------------------------- the fork server

# Variables that act when an interpreter starts or while the fork server imports
# the SDK. A child of the server has the server's, so a program whose
# environment differs in one of them runs as a subprocess.
_STARTUP_ENV = re.compile(
    r"^(PYTHON.*|LANG|LANGUAGE|LC_.*|TZ|LD_.*|MALLOC_.*|DEFER_PYDANTIC_BUILD|PYDANTIC_.*|"
    r"OTEL_.*|HTTPX_.*|SSL_CERT_.*|ANTHROPIC_(?!(BASE_URL|API_KEY|BEDROCK_BASE_URL)$).*)$",
    re.IGNORECASE,
)
_SERVER_START_TIMEOUT = 120.0
_REPLY_GRACE = 30.0  # beyond a program's own timeout, which the server enforces


class ForkServerError(RuntimeError):
    """The fork server failed; the program is run again as a subprocess."""


def _fork_server_enabled() -> bool:
    return hasattr(os, "fork") and os.environ.get("MIGRATOR_DIFF_SUBPROCESS") != "1"


def _startup_env(env: Mapping[str, str]) -> dict[str, str]:
    return {k: v for k, v in env.items() if _STARTUP_ENV.match(k)}


class _ForkServer:
    """One ``forkserver.py`` process for one interpreter; one request at a time."""

    def __init__(self, python: str) -> None:
        self.python = python
        self.lock = threading.Lock()
        self.runs = 0  # programs run in children of a server (for the tests)
        self.starts = 0
        self._proc: subprocess.Popen[bytes] | None = None
        self._home: str | None = None
        self._startup: dict[str, str] = {}
        self._pending = b""
        self.disabled: str | None = None  # why programs run as subprocesses instead

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None and self._proc.poll() is None else None

    def _start(self) -> None:
        self.stop()
        home = tempfile.mkdtemp(prefix="migrator-forkserver-")
        # The server's environment is a program's (start-up settings act only
        # here); the placeholder URL is never used: each child gets its own.
        env = program_env("http://127.0.0.1:9/_forkserver", home)
        with open(os.path.join(home, "server.log"), "wb") as log:
            self._proc = subprocess.Popen(
                [self.python, str(FORKSERVER)],
                cwd=home,
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                bufsize=0,
            )
        self._home, self._startup, self._pending = home, _startup_env(env), b""
        self.starts += 1
        try:
            ready = self._read_reply(_SERVER_START_TIMEOUT)
            if not ready.get("ready"):
                raise self._fail(f"cannot serve: {ready.get('reason', ready)!r}")
        except ForkServerError as exc:
            self.disabled = str(exc)  # it would fail the same way next time
            raise

    def _log(self) -> str:
        if self._home is None:
            return ""
        try:
            return Path(self._home, "server.log").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def _fail(self, message: str) -> ForkServerError:
        log = self._log()
        self.stop()
        return ForkServerError(
            f"fork server for {self.python}: {message}" + (f"\n{log}" if log else "")
        )

    def _read_reply(self, timeout: float | None) -> dict[str, Any]:
        assert self._proc is not None and self._proc.stdout is not None
        fd = self._proc.stdout.fileno()
        deadline = None if timeout is None else time.monotonic() + timeout
        while b"\n" not in self._pending:
            remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select([fd], [], [], remaining)
            if not ready:
                raise self._fail(f"no reply within {timeout:g} s")
            chunk = os.read(fd, 65536)
            if not chunk:
                raise self._fail(f"exited with {self._proc.wait()}")
            self._pending += chunk
        line, _, self._pending = self._pending.partition(b"\n")
        try:
            reply = json.loads(line)
        except ValueError:
            raise self._fail(f"garbled reply {line[:200]!r}") from None
        if not isinstance(reply, dict):
            raise self._fail(f"garbled reply {line[:200]!r}")
        return reply

    def run(self, request: dict[str, Any], timeout: float | None) -> dict[str, Any]:
        """Send one request (with the lock held) and return the reply."""
        if self.disabled is not None:
            return {"fallback": self.disabled}
        if self._proc is None or self._proc.poll() is not None:
            self._start()
        assert self._proc is not None and self._proc.stdin is not None
        if _startup_env(request["env"]) != self._startup:
            return {"fallback": "start-up environment differs from the fork server's"}
        data = (json.dumps(request) + "\n").encode("utf-8")
        try:
            view = memoryview(data)
            while view:
                view = view[self._proc.stdin.write(view) :]
        except OSError as exc:
            raise self._fail(f"cannot send a request: {exc}") from None
        reply = self._read_reply(None if timeout is None else timeout + _REPLY_GRACE)
        if "returncode" in reply:
            self.runs += 1
        return reply

    def stop(self, wait: float = 2.0) -> None:
        proc, home = self._proc, self._home
        self._proc, self._home = None, None
        if proc is not None:
            for stream in (proc.stdin, proc.stdout):
                try:
                    if stream is not None:
                        stream.close()
                except OSError:
                    pass
            try:
                proc.wait(timeout=wait)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if home is not None:
            shutil.rmtree(home, ignore_errors=True)


_SERVERS: dict[str, _ForkServer] = {}
_SERVERS_LOCK = threading.Lock()


def fork_server(python: str) -> _ForkServer:
    """The (lazily started) fork server for ``python``."""
    with _SERVERS_LOCK:
        server = _SERVERS.get(python)
        if server is None:
            server = _SERVERS[python] = _ForkServer(python)
        return server


@atexit.register
def stop_fork_servers() -> None:
    """Stop every fork server (EOF on its stdin; killed if it lingers)."""
    with _SERVERS_LOCK:
        servers = list(_SERVERS.values())
    for server in servers:
        with server.lock:
            server.stop()


def _read_output(path: Path, *, translate_newlines: bool) -> str:
    """Decode a program's output as ``_run_subprocess`` gets it from subprocess."""
    try:
        text = path.read_bytes().decode("utf-8", "replace")
    except FileNotFoundError:
        return ""
    if translate_newlines:  # text mode (universal newlines), except on a timeout
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _run_forked(
    python: str,
    script: Path,
    server_url: str,
    args: Sequence[str],
    env: Mapping[str, str] | None,
    timeout: float,
) -> RunResult | None:
    """Run the program in a child of the fork server; None: run it as a subprocess."""
    server = fork_server(python)
    tag = uuid.uuid4().hex[:12]
    with (
        tempfile.TemporaryDirectory(prefix="migrator-run-") as tmp,
        tempfile.TemporaryDirectory(prefix="migrator-out-") as out,
    ):
        # The output files live outside the program's (empty) working directory.
        stdout_path, stderr_path = Path(out, "stdout"), Path(out, "stderr")
        request = {
            "script": str(script),
            "args": [str(a) for a in args],
            "cwd": tmp,
            "env": program_env(f"{server_url}/_run/{tag}", tmp, env),
            "stdout": str(stdout_path),
            "stderr": str(stderr_path),
            "timeout": timeout,
        }
        try:
            with server.lock:
                reply = server.run(request, timeout)
        except ForkServerError as exc:
            # The program may have run halfway: a subprocess runs it afresh (new tag).
            sys.stderr.write(f"[differential] {exc}; running the program as a subprocess\n")
            return None
        if "returncode" not in reply:  # a fallback, or a request it refused: nothing ran
            return None
        timed_out = bool(reply.get("timed_out"))
        stdout = _read_output(stdout_path, translate_newlines=not timed_out)
        stderr = _read_output(stderr_path, translate_newlines=not timed_out)
        code = int(reply["returncode"])
        if timed_out:
            code = -9
            stderr += f"\n[differential] timed out after {timeout:g} s"
    return RunResult(stdout, stderr, code, _fetch_requests(server_url, tag), timed_out)


# --------------------------------------------------------------------------- canonical requests


def _body(req: RecordedRequest | Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    if isinstance(req, RecordedRequest):
        path, body = req.path, req.body
    else:
        path, body = req.get("path", ""), req.get("body")
    return path, body if isinstance(body, dict) else {}


_BEDROCK_PATH = re.compile(r"^/model/[^/]+/(invoke|invoke-with-response-stream)$")


def canonical_request(req: RecordedRequest | Mapping[str, Any]) -> dict[str, Any]:
    """What a request asks for, the same for /v1/complete and /v1/messages.

    Keys: conversation ({system, messages} with same-role turns merged),
    max_tokens, stop_sequences (without the legacy "\\n\\nHuman:" guard; absent
    == []), temperature, top_p, top_k, stream (bool), metadata. The model is
    deliberately left out.
    """
    path, body = _body(req)
    stops = body.get("stop_sequences") or []
    # Bedrock serves both formats on one path: the body's keys tell them apart,
    # and the path says whether it streams.
    bedrock = _BEDROCK_PATH.match(path)
    if path.endswith("/complete") or (bedrock and "prompt" in body):
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
        if isinstance(max_tokens, int) and max_tokens > MAX_OUTPUT_TOKENS:
            # The legacy API clamped it to the model's limit: that is what it asked for.
            max_tokens = MAX_OUTPUT_TOKENS
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
        "stream": bool(body.get("stream"))
        or bool(bedrock and bedrock.group(1) == "invoke-with-response-stream"),
        "metadata": body.get("metadata"),
    }


def removed_sampling_keys(migrated_source: str) -> set[str]:
    """Sampling keys that a ``# migrator: removed ... <key>=`` comment declares dropped."""
    found: set[str] = set()
    for comment in re.findall(r"#\s*migrator:\s*removed\b[^\n]*", unwrapped(migrated_source)):
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
    """Run before (legacy SDK, or the pre-0.3 one when marked) and after (current SDK)
    against ``api`` and compare.

    ``migrated_source`` (for the ``# migrator: removed`` comments) defaults to
    the text of ``after_path``; pass the concatenated sources of a whole
    migrated project when the requests are made from several files.
    """
    before_python = before_python or before_python_for(before_path)
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
    if UNORDERED_MARKER in before_path.read_text(encoding="utf-8").splitlines():
        # The program sends its requests concurrently (asyncio.gather, threads):
        # which one reaches the server first is not the program's behaviour.
        before, after = _sorted_requests(before), _sorted_requests(after)
    return PairResult(
        before_path, after_path, before, after, compare_runs(before, after, migrated_source)
    )


UNORDERED_MARKER = "# migrator-fixture: requests-unordered"


def _sorted_requests(run: RunResult) -> RunResult:
    def key(request: RecordedRequest) -> str:
        return json.dumps(canonical_request(request), sort_keys=True, default=str)

    return dataclasses.replace(run, requests=sorted(run.requests, key=key))
