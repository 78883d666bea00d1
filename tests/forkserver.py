"""A fork server ("zygote") for the differential tests: ``<python> tests/forkserver.py``.

Importing the SDK costs more than most test programs take to run, so this
server imports it once and then ``os.fork()``s a child per program, which
starts with everything already imported. Each child is set up to look like a
fresh ``python script`` run: the environment is replaced wholesale, stdin is
``/dev/null``, stdout and stderr go to the given files and are rebuilt the way
the interpreter builds them at start-up, ``sys.argv``/``sys.path[0]``/``__main__``
are the script's, and the exit code, traceback and atexit handling follow
``Py_RunMain``. Nothing a child does reaches the server or the next child.

Protocol: one JSON object per line on stdin, one JSON reply per line on stdout.
The first reply, sent once the imports are done, is ``{"ready": true, ...}``.

    request: {"script": path, "args": [...], "cwd": dir, "env": {...},
              "stdout": path, "stderr": path, "timeout": seconds or null}
    reply:   {"returncode": int, "timed_out": bool}
          or {"fallback": reason}   the program was not run; run it as a subprocess
          or {"error": message}     a bad request; the server carries on

EOF on stdin ends the server. Variables that only take effect when an
interpreter starts (``PYTHONHASHSEED``, ``PYTHONWARNINGS``, ``PYTHONUNBUFFERED``,
the locale, ...) are the server's own: start it with the values the programs
should get (``differential.py`` does, and runs a program as a subprocess when
its environment differs there).
"""

import os
import sys

# What a plain `python script` has imported before the script runs. A module in
# the script's folder with one of these names is shadowed there too; one with the
# name of a module this server imports on top would not be, so such a script is
# sent back to run as a subprocess (see _fallback_reason).
_STARTUP_MODULES = frozenset(name.partition(".")[0] for name in sys.modules)


def _initial_environ():
    """The environment the process was started with (before locale coercion)."""
    try:
        with open("/proc/self/environ", "rb") as f:
            block = f.read()
    except OSError:
        return None
    env = {}
    for item in block.split(b"\0"):
        key, sep, value = item.partition(b"=")
        if sep and key:
            env[os.fsdecode(key)] = os.fsdecode(value)
    return env


def _startup_changes():
    """What interpreter start-up changed in os.environ (PEP 538 sets LC_CTYPE).

    A fresh interpreter started with a program's environment makes the same
    changes, so each child applies them to the environment it is given.
    """
    initial = _initial_environ()
    if initial is None:
        return {}, ()
    changed = {k: v for k, v in os.environ.items() if initial.get(k) != v}
    removed = tuple(k for k in initial if k not in os.environ)
    return changed, removed


_ENV_CHANGED, _ENV_REMOVED = _startup_changes()

import atexit  # noqa: E402
import builtins  # noqa: E402
import importlib  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import select  # noqa: E402
import signal  # noqa: E402
import time  # noqa: E402
import types  # noqa: E402
from importlib.machinery import SourceFileLoader  # noqa: E402

PRELOAD = ("anthropic", "asyncio", "json", "httpx")

# The server's own standard streams, kept referenced so that a child never
# finalizes (and flushes) them into the program's files.
_SERVER_STREAMS = (sys.stdin, sys.stdout, sys.stderr)
_STDIO_TEMPLATE = (sys.__stdin__, sys.__stdout__, sys.__stderr__)
_STDIO_NAMES = ("<stdin>", "<stdout>", "<stderr>")


def _preload():
    """Import what SDK programs import first; stdout stays free for replies."""
    sys.stdout.flush()
    saved = os.dup(1)
    os.dup2(2, 1)
    try:
        for name in PRELOAD:
            try:
                importlib.import_module(name)
            except Exception:  # not installed, or broken: the program will find out itself
                pass
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)


def _reply(obj):
    data = (json.dumps(obj) + "\n").encode("utf-8")
    while data:
        data = data[os.write(1, data) :]


# --------------------------------------------------------------------------- the child


def _stdio(fd, template):
    """A text stream on ``fd`` built like the interpreter's own (create_stdio)."""
    write = fd != 0
    name = _STDIO_NAMES[fd]
    unbuffered = template is not None and isinstance(template.buffer, io.RawIOBase)
    if template is None:
        encoding, errors, line_buffering, write_through = "utf-8", "strict", fd == 2, False
    else:
        encoding, errors = template.encoding, template.errors
        line_buffering, write_through = template.line_buffering, template.write_through
    buffering = 0 if (unbuffered and write) else -1
    buf = open(fd, "wb" if write else "rb", buffering=buffering, closefd=False)
    raw = buf if buffering == 0 else buf.raw
    raw.name = name
    stream = io.TextIOWrapper(
        buf,
        encoding=encoding,
        errors=errors,
        newline="\n",
        line_buffering=line_buffering,
        write_through=write_through,
    )
    stream.mode = "w" if write else "r"
    return stream


def _exit_status(code):
    """The process exit status for ``SystemExit(code)`` (like _Py_HandleSystemExit)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF if -(2**63) <= code < 2**63 else 255
    try:
        sys.stderr.write(str(code))
        sys.stderr.write("\n")
    except Exception:
        pass
    return 1


def _print_exception(exc):
    """Print an uncaught exception through sys.excepthook, as PyErr_Print does."""
    tb = exc.__traceback__
    tb = tb.tb_next if tb is not None else None  # drop _run_main's own frame
    exc.__traceback__ = tb
    sys.last_type, sys.last_value, sys.last_traceback = type(exc), exc, tb
    try:
        sys.excepthook(type(exc), exc, tb)
    except BaseException as hook_error:
        try:
            sys.stderr.write("Error in sys.excepthook:\n")
            sys.__excepthook__(type(hook_error), hook_error, hook_error.__traceback__)
            sys.stderr.write("\nOriginal exception was:\n")
            sys.__excepthook__(type(exc), exc, tb)
        except BaseException:
            pass


def _run_main(script):
    """Run ``script`` as ``__main__``; return (exit status, interrupted)."""
    main = types.ModuleType("__main__")
    main.__annotations__ = {}
    main.__builtins__ = builtins
    main.__file__ = script
    main.__cached__ = None
    main.__loader__ = SourceFileLoader("__main__", script)
    sys.modules["__main__"] = main
    status, interrupted = 0, False
    try:
        with open(script, "rb") as f:
            source = f.read()
        code = compile(source, script, "exec", dont_inherit=True)
        del source
        exec(code, main.__dict__)
    except SystemExit as exc:  # Py_Exit: finalizes right away, __file__ stays
        return _exit_status(exc.code), False
    except BaseException as exc:
        _print_exception(exc)
        status, interrupted = 1, isinstance(exc, KeyboardInterrupt)
    # _PyRun_SimpleFileObject drops these before finalization.
    main.__dict__.pop("__file__", None)
    main.__dict__.pop("__cached__", None)
    return status, interrupted


def _unraisable(exc, message, obj):
    try:
        sys.unraisablehook(
            types.SimpleNamespace(
                exc_type=type(exc),
                exc_value=exc,
                exc_traceback=exc.__traceback__,
                err_msg=message,
                object=obj,
            )
        )
    except BaseException:
        pass


def _finalize(status):
    """What Py_FinalizeEx does that a program can observe: threads, atexit, flush."""
    threading = sys.modules.get("threading")
    if threading is not None:
        try:
            threading._shutdown()
        except BaseException as exc:
            _unraisable(exc, "Exception ignored on threading shutdown", None)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        if stream is None or getattr(stream, "closed", False):
            continue
        try:
            stream.flush()
        except Exception as exc:
            status = 120
            if stream is sys.stdout:
                _unraisable(exc, None, stream)
    return status


def _child(request, fds):
    null_fd, out_fd, err_fd = fds
    os.dup2(null_fd, 0)
    os.dup2(out_fd, 1)
    os.dup2(err_fd, 2)
    for fd in fds:
        os.close(fd)

    env = dict(request["env"])
    for key in _ENV_REMOVED:
        env.pop(key, None)
    env.update(_ENV_CHANGED)
    os.environ.clear()
    os.environ.update(env)
    os.chdir(request["cwd"])

    streams = [_stdio(fd, _STDIO_TEMPLATE[fd]) for fd in (0, 1, 2)]
    sys.stdin, sys.stdout, sys.stderr = streams
    sys.__stdin__, sys.__stdout__, sys.__stderr__ = streams

    script = os.path.abspath(request["script"])
    sys.argv = [request["script"], *request["args"]]
    sys.orig_argv = [sys.orig_argv[0], request["script"], *request["args"]]
    if not sys.flags.safe_path:
        sys.path.insert(0, os.path.dirname(os.path.realpath(script)))
    importlib.invalidate_caches()
    signal.signal(signal.SIGINT, signal.default_int_handler)

    status, interrupted = _run_main(script)
    status = _finalize(status)
    if interrupted:  # like a plain run: die of the SIGINT
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)
        status = 130
    return status


# --------------------------------------------------------------------------- the server


class BadRequest(Exception):
    pass


def _parse(line):
    try:
        request = json.loads(line)
    except ValueError as exc:
        raise BadRequest(f"not JSON: {exc}") from None
    if not isinstance(request, dict):
        raise BadRequest("a request is a JSON object")
    for key in ("script", "cwd", "stdout", "stderr"):
        if not isinstance(request.get(key), str):
            raise BadRequest(f"{key!r} must be a string")
    args = request.setdefault("args", [])
    if not isinstance(args, list) or not all(isinstance(a, str) for a in args):
        raise BadRequest("'args' must be a list of strings")
    env = request.get("env")
    if not isinstance(env, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and k and "=" not in k and "\0" not in k + v
        for k, v in env.items()
    ):
        raise BadRequest("'env' must map variable names to strings")
    timeout = request.get("timeout")
    if timeout is not None and (
        isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout < 0
    ):
        raise BadRequest("'timeout' must be a number of seconds or null")
    if not os.path.isdir(request["cwd"]):
        raise BadRequest(f"no such directory: {request['cwd']}")
    return request


def _fallback_reason(request):
    """Why this script cannot run in a child of this server (None: it can)."""
    script = os.path.join(request["cwd"], request["script"])
    if not os.path.isfile(script):
        return f"not a file: {script}"
    if not script.endswith(".py"):
        return "only .py scripts"
    if sys.flags.safe_path:
        return None
    preloaded = {name.partition(".")[0] for name in list(sys.modules)} - _STARTUP_MODULES
    try:
        entries = os.listdir(os.path.dirname(os.path.realpath(script)))
    except OSError as exc:
        return f"cannot list the script's folder: {exc}"
    for entry in entries:
        name = entry.partition(".")[0]
        if name in preloaded:
            return f"{entry} in the script's folder would shadow the preloaded {name}"
    return None


def _wait(pid, timeout):
    """Wait for ``pid``; kill it after ``timeout`` s. Returns (returncode, timed_out)."""
    deadline = None if timeout is None else time.monotonic() + timeout
    timed_out = False
    pidfd = None
    if hasattr(os, "pidfd_open"):
        try:
            pidfd = os.pidfd_open(pid)
        except OSError:
            pidfd = None
    if pidfd is not None:
        try:
            ready, _, _ = select.select([pidfd], [], [], timeout)
            timed_out = not ready
        finally:
            os.close(pidfd)
    else:
        delay = 0.0005
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                return os.waitstatus_to_exitcode(status), False
            if deadline is not None and time.monotonic() >= deadline:
                timed_out = True
                break
            time.sleep(delay)
            delay = min(delay * 2, 0.02)
    if timed_out:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), timed_out


def _run(request):
    reason = _fallback_reason(request)
    if reason is not None:
        return {"fallback": reason}
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)
    fds = []
    try:
        fds.append(os.open(os.devnull, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0)))
        fds.append(os.open(request["stdout"], flags, 0o666))
        fds.append(os.open(request["stderr"], flags, 0o666))
        for stream in _SERVER_STREAMS:
            if stream is not None:
                stream.flush()
        pid = os.fork()
        if pid == 0:  # the child never returns into the server
            status = 70
            try:
                status = _child(request, fds)
            except BaseException:
                try:
                    import traceback

                    os.write(2, traceback.format_exc().encode("utf-8", "backslashreplace"))
                except BaseException:
                    pass
            finally:
                os._exit(status)
    finally:
        for fd in fds:
            os.close(fd)
    returncode, timed_out = _wait(pid, request.get("timeout"))
    return {"returncode": returncode, "timed_out": timed_out}


def serve():
    # Nothing is imported from this folder: a child gets the script's instead.
    if not sys.flags.safe_path and sys.path:
        del sys.path[0]
    _preload()
    # Ctrl-C interrupts the program running in a child (its handler is put back
    # there); the server lives on until its stdin closes.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _reply({"ready": True, "pid": os.getpid(), "version": sys.version})
    requests = sys.stdin.buffer
    while True:
        line = requests.readline()
        if not line:
            return
        if not line.strip():
            continue
        try:
            reply = _run(_parse(line))
        except BadRequest as exc:
            reply = {"error": str(exc)}
        except Exception as exc:  # never die on a request
            reply = {"error": f"{type(exc).__name__}: {exc}"}
        _reply(reply)


if __name__ == "__main__":
    serve()
