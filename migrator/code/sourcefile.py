"""Read and write Python source files without changing anything the migration did not mean to.

Files are read as bytes and decoded with the codec Python itself would use (BOM, or a PEP 263
cookie on line 1 or 2, else UTF-8), so line endings, a missing final newline and the BOM all
survive a round trip byte for byte. Writes are atomic and refuse to clobber a file that someone
else changed after it was read.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import hashlib
import io
import os
import re
import signal
import stat
import tempfile
import threading
import tokenize
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

TEMP_PREFIX = ".migrator-"
TEMP_SUFFIX = ".tmp"

# Line ends as Python's tokenizer counts them, so reported line numbers match editors'.
_BYTE_NEWLINES = re.compile(rb"\r\n?|\n")
_TEXT_NEWLINES = re.compile(r"\r\n?|\n")

# O_NONBLOCK keeps a FIFO given by mistake from hanging the run at open(); it is a no-op for
# regular files. Neither flag exists everywhere, hence the defaults.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)


@dataclass(frozen=True)
class Fingerprint:
    """What the file looked like when it was read, to notice a change made by someone else.

    The hash of the bytes is taken only when asked for: most files of a run are
    decided by a byte scan and never need it.
    """

    size: int
    mtime_ns: int
    stat: os.stat_result = field(repr=False, compare=False)
    raw: bytes = field(repr=False, compare=False)

    @classmethod
    def of(cls, raw: bytes, st: os.stat_result) -> Fingerprint:
        return cls(size=st.st_size, mtime_ns=st.st_mtime_ns, stat=st, raw=raw)

    @cached_property
    def sha256(self) -> str:
        return _sha256(self.raw)


@dataclass(frozen=True)
class SourceText:
    path: Path
    text: str
    encoding: str
    bom: bool
    fingerprint: Fingerprint
    raw: bytes


class SourceError(Exception):
    """A source file could not be read or written; the message names the file and the fix."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


class UnreadableFile(SourceError):
    pass


class DecodeError(SourceError):
    pass


class BinaryFile(SourceError):
    pass


class UnencodableText(SourceError):
    pass


class WriteFailed(SourceError):
    pass


class ChangedOnDisk(SourceError):
    pass


def read_source(path: Path) -> SourceText:
    raw, st = _read_regular_file(path)
    return _source(path, raw, st)


def read_if_wanted(path: Path, wanted: Callable[[bytes], bool]) -> SourceText | os.stat_result:
    """The file's text when ``wanted(its bytes)``, else only its ``stat``.

    Most files of a run are ruled out by their bytes: they are not decoded, only checked
    to be text as :func:`read_source` would decode it, raising the same errors (a NUL
    byte, bytes its encoding cannot decode), so whether a file is reported as unreadable
    does not depend on what it holds.
    """
    raw, st = _read_regular_file(path)
    if wanted(raw):
        return _source(path, raw, st)
    if not plain_utf8(raw):
        _source(path, raw, st)  # raises what read_source raises, if anything
    return st


def plain_utf8(raw: bytes) -> bool:
    """UTF-8 without a byte order mark, a coding cookie or a NUL byte: text that
    :func:`read_source` decodes without a word, told apart without the tokenizer."""
    first = raw.find(b"\n")
    second = raw.find(b"\n", first + 1) if first != -1 else -1
    head = raw if second == -1 else raw[:second]
    if b"coding" in head or raw.startswith(codecs.BOM_UTF8) or b"\0" in raw:
        return False
    if raw.isascii():
        return True
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _source(path: Path, raw: bytes, st: os.stat_result) -> SourceText:
    nul = raw.find(b"\0")
    if nul != -1:
        line, column = _position(raw, nul)
        raise BinaryFile(
            path,
            f"{path}: contains a NUL byte at line {line}, column {column} (byte offset {nul}), "
            "so it is not Python source text; exclude it from the run.",
        )
    encoding, bom = _detect_encoding(path, raw)
    body = raw[len(codecs.BOM_UTF8) :] if bom else raw
    text = _decode(path, raw, body, encoding, len(raw) - len(body))
    return SourceText(
        path=path,
        text=text,
        encoding=encoding,
        bom=bom,
        fingerprint=Fingerprint.of(raw, st),
        raw=raw,
    )


def encode_source(src: SourceText, new_text: str) -> bytes:
    try:
        body = new_text.encode(src.encoding)
    except UnicodeEncodeError as exc:
        line, column = _text_position(new_text, exc.start)
        char = new_text[exc.start]
        raise UnencodableText(
            src.path,
            f"{src.path}: the migrated code needs the character {char!r} (U+{ord(char):04X}) at "
            f"line {line}, column {column}, which the file's encoding {src.encoding} cannot "
            "represent; the file was not changed. Re-encode the file as UTF-8 (and drop its "
            "coding cookie), then run the migration again.",
        ) from exc
    return codecs.BOM_UTF8 + body if src.bom else body


def write_source(src: SourceText, new_text: str) -> None:
    data = encode_source(src, new_text)
    # Replacing a symbolic link would turn it into a regular file; write where it points.
    target = Path(os.path.realpath(src.path))
    st = _check_unchanged(src, target)
    _refuse_read_only(src.path, target, st)
    _replace_atomically(src.path, target, data, st)


def _read_regular_file(path: Path) -> tuple[bytes, os.stat_result]:
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise UnreadableFile(
            path, f"{path}: cannot read: {_describe_open_error(path, exc)}"
        ) from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file"
            raise UnreadableFile(path, f"{path}: cannot read: it is {kind}; pass a Python file.")
        raw = _read_all(fd, st.st_size)
    except OSError as exc:
        raise UnreadableFile(
            path, f"{path}: cannot read: {exc.strerror or exc}; check the file and run again."
        ) from exc
    finally:
        os.close(fd)
    return raw, st


def _read_all(fd: int, size: int) -> bytes:
    """Every byte of the open file, ``size`` long by its ``stat``.

    One ``os.read`` of the size the file has does what ``open().read()`` does at a
    fraction of its cost (no buffered reader, no read after the last byte): a cold run
    reads every file. A file shorter or longer than its ``stat`` said is read to its end.
    """
    chunk = os.read(fd, size + 1)
    if len(chunk) == size:
        return chunk
    chunks = [chunk]
    while chunk:
        chunk = os.read(fd, 1 << 16)
        chunks.append(chunk)
    return b"".join(chunks)


def _describe_open_error(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        if os.path.islink(path):
            return (
                f"it is a dangling symbolic link (to {os.readlink(path)}); fix or remove the link."
            )
        return "it does not exist (was it moved or deleted?); check the path."
    if exc.errno == errno.ELOOP:
        return "it is a symbolic link loop; fix the link."
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied; make it readable (chmod u+r) or exclude it."
    return f"{exc.strerror or exc}; check the file and run again."


def _detect_encoding(path: Path, raw: bytes) -> tuple[str, bool]:
    try:
        name, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
    except SyntaxError as exc:
        raise DecodeError(path, _cookie_problem(path, raw, str(exc))) from exc
    if name == "utf-8-sig":
        return "utf-8", True
    # detect_encoding passes some spellings through unchanged ("utf8"); give callers one name.
    return ("utf-8" if codecs.lookup(name).name == "utf-8" else name), False


def _cookie_problem(path: Path, raw: bytes, reason: str) -> str:
    if reason.startswith("unknown encoding"):
        codec = reason.partition(":")[2].strip()
        return (
            f"{path}: its coding cookie names the unknown encoding {codec!r}; fix the cookie on "
            "line 1 or 2 (for example '# -*- coding: utf-8 -*-') or re-encode the file as UTF-8."
        )
    if reason.startswith("encoding problem"):
        return (
            f"{path}: it starts with a UTF-8 byte order mark but its coding cookie declares "
            "another encoding; remove the cookie or the byte order mark so they agree."
        )
    # Otherwise the first two lines are not UTF-8; report the exact spot as the full decode
    # would.
    bom = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
    try:
        raw[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        return _invalid_bytes_message(path, raw, exc, "utf-8", bom)
    return f"{path}: invalid coding cookie ({reason}); fix the cookie on line 1 or 2."


def _decode(path: Path, raw: bytes, body: bytes, encoding: str, offset: int) -> str:
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(path, _invalid_bytes_message(path, raw, exc, encoding, offset)) from exc
    except LookupError as exc:
        # A cookie may name a codec that exists but does not decode text ("hex", "rot13").
        raise DecodeError(
            path,
            f"{path}: its coding cookie names {encoding!r}, which is not a text encoding; fix the "
            "cookie on line 1 or 2 (for example '# -*- coding: utf-8 -*-').",
        ) from exc


def _invalid_bytes_message(
    path: Path, raw: bytes, exc: UnicodeDecodeError, encoding: str, offset: int
) -> str:
    start = exc.start + offset
    line, column = _position(raw, start)
    bad = raw[start : exc.end + offset].hex(" ")
    return (
        f"{path}: not valid {encoding}: byte(s) {bad} at line {line}, column {column} "
        f"(byte offset {start}). If the file uses another encoding, declare it with a PEP 263 "
        "coding cookie on line 1 or 2 (for example '# -*- coding: latin-1 -*-'), or re-encode "
        "the file as UTF-8."
    )


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and byte column of a byte offset."""
    line, line_start = 1, 0
    for newline in _BYTE_NEWLINES.finditer(raw, 0, offset):
        line, line_start = line + 1, newline.end()
    return line, offset - line_start + 1


def _text_position(text: str, index: int) -> tuple[int, int]:
    line, line_start = 1, 0
    for newline in _TEXT_NEWLINES.finditer(text, 0, index):
        line, line_start = line + 1, newline.end()
    return line, index - line_start + 1


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _check_unchanged(src: SourceText, target: Path) -> os.stat_result:
    try:
        st = os.stat(target)
    except FileNotFoundError as exc:
        raise ChangedOnDisk(
            src.path,
            f"{src.path}: was deleted or moved after it was read; it was not written. "
            "Run the migration again.",
        ) from exc
    except OSError as exc:
        raise WriteFailed(
            src.path, f"{src.path}: cannot check the file before writing: {exc.strerror or exc}."
        ) from exc
    before = src.fingerprint
    if st.st_size == before.size and st.st_mtime_ns == before.mtime_ns:
        return st
    # Same size but a new mtime may be only a touch; the bytes decide.
    if st.st_size == before.size and _current_sha256(src.path, target) == before.sha256:
        return st
    raise ChangedOnDisk(
        src.path,
        f"{src.path}: changed on disk after it was read (by an editor or another tool?); it was "
        "not overwritten. Run the migration again to migrate the current contents.",
    )


def _current_sha256(path: Path, target: Path) -> str:
    try:
        return _sha256(target.read_bytes())
    except OSError as exc:
        raise WriteFailed(
            path, f"{path}: cannot re-read the file before writing: {exc.strerror or exc}."
        ) from exc


def _refuse_read_only(path: Path, target: Path, st: os.stat_result) -> None:
    # The rename below would succeed on a read-only file in a writable folder; honour the
    # owner's intent the way an in-place write would. A file no one may write is read-only
    # for root too (root's access() ignores the mode bits), as editors treat it.
    if not os.access(target, os.W_OK) or not st.st_mode & 0o222:
        raise WriteFailed(
            path,
            f"{path}: the file is read-only; it was not changed. Make it writable "
            "(chmod u+w) or exclude it, then run again.",
        )


def _replace_atomically(path: Path, target: Path, data: bytes, st: os.stat_result) -> None:
    with _signals_deferred():
        _write_then_rename(path, target, data, st)


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Ctrl-C or SIGTERM during a write takes effect once the file is whole.

    Without this, a signal between creating the temporary file and the ``try``
    that removes it could leave the temporary file behind.
    """
    block = getattr(signal, "pthread_sigmask", None)
    if block is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = block(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        block(signal.SIG_SETMASK, previous)


def _write_then_rename(path: Path, target: Path, data: bytes, st: os.stat_result) -> None:
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=target.parent)
    except OSError as exc:
        raise WriteFailed(
            path,
            f"{path}: cannot create a temporary file in {target.parent}: "
            f"{exc.strerror or exc}; the file was not changed. Make the folder writable "
            "(or free disk space) and run again.",
        ) from exc
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        _copy_owner_and_mode(tmp_name, st)
        os.replace(tmp_name, target)
    except OSError as exc:
        _remove_quietly(tmp_name)
        raise WriteFailed(
            path,
            f"{path}: could not write the migrated file: {exc.strerror or exc}; the original is "
            "unchanged. Make the file and its folder writable (or free disk space) and run again.",
        ) from exc
    except BaseException:
        # Ctrl-C mid-write must not leave a stray temporary file behind either.
        _remove_quietly(tmp_name)
        raise
    _sync_folder(target.parent)


def _copy_owner_and_mode(tmp_name: str, st: os.stat_result) -> None:
    # Best effort: a run as root should not hand other users' files to root, but an ordinary
    # user is not allowed to chown and keeps ownership of what it writes, as any editor does.
    if hasattr(os, "chown"):
        try:
            os.chown(tmp_name, st.st_uid, st.st_gid)
        except OSError:
            pass
    os.chmod(tmp_name, stat.S_IMODE(st.st_mode))


def _remove_quietly(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass


def _sync_folder(folder: Path) -> None:
    # Makes the rename itself durable; folders cannot be opened for this on every platform,
    # and the data is already safe, so failure here is not an error.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
