from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from migrator.code import sourcefile
from migrator.code.sourcefile import (
    BinaryFile,
    ChangedOnDisk,
    DecodeError,
    SourceError,
    UnencodableText,
    UnreadableFile,
    WriteFailed,
    encode_source,
    read_source,
    write_source,
)

BOM = b"\xef\xbb\xbf"


def make(tmp_path: Path, data: bytes, name: str = "mod.py") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def temp_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(".migrator-*.tmp"))


def bump_mtime(path: Path) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))


# --- reading and decoding -------------------------------------------------------------------


def test_reads_utf8_with_its_fingerprint(tmp_path: Path) -> None:
    data = 'name = "héllo"\n'.encode()
    src = read_source(make(tmp_path, data))
    assert src.text == 'name = "héllo"\n'
    assert (src.encoding, src.bom, src.raw) == ("utf-8", False, data)
    assert src.fingerprint.size == len(data)
    assert src.fingerprint.mtime_ns == (tmp_path / "mod.py").stat().st_mtime_ns
    assert len(src.fingerprint.sha256) == 64


@pytest.mark.parametrize("cookie", [b"# coding: utf8\n", b"# -*- coding: UTF-8 -*-\n"])
def test_utf8_spellings_are_reported_as_utf8(tmp_path: Path, cookie: bytes) -> None:
    assert read_source(make(tmp_path, cookie + b"x = 1\n")).encoding == "utf-8"


def test_latin1_cookie(tmp_path: Path) -> None:
    src = read_source(make(tmp_path, b'# -*- coding: latin-1 -*-\ns = "caf\xe9"\n'))
    assert src.text == '# -*- coding: latin-1 -*-\ns = "café"\n'
    assert src.encoding == "iso-8859-1"  # the name Python's tokenizer gives it


def test_cp1252_cookie_on_second_line(tmp_path: Path) -> None:
    src = read_source(
        make(
            tmp_path, b'#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\ns = "\x93hi\x94"\n'
        )
    )
    assert src.encoding == "cp1252"
    assert src.text.endswith('s = "\u201chi\u201d"\n')


def test_cookie_on_third_line_does_not_count(tmp_path: Path) -> None:
    with pytest.raises(DecodeError) as info:
        read_source(make(tmp_path, b'\n\n# coding: latin-1\ns = "\xe9"\n'))
    assert "line 4" in str(info.value)


def test_bom_is_removed_and_remembered(tmp_path: Path) -> None:
    src = read_source(make(tmp_path, BOM + b"x = 1\n"))
    assert (src.text, src.encoding, src.bom) == ("x = 1\n", "utf-8", True)


def test_bom_with_a_utf8_cookie(tmp_path: Path) -> None:
    src = read_source(make(tmp_path, BOM + b"# coding: utf-8\nx = 1\n"))
    assert (src.encoding, src.bom) == ("utf-8", True)


def test_bom_contradicting_the_cookie(tmp_path: Path) -> None:
    with pytest.raises(DecodeError, match="byte order mark"):
        read_source(make(tmp_path, BOM + b"# coding: latin-1\nx = 1\n"))


def test_invalid_utf8_names_the_spot_and_the_fix(tmp_path: Path) -> None:
    path = make(tmp_path, b'x = 1\ny = 2\nz = "ab\xff"\n')
    with pytest.raises(DecodeError) as info:
        read_source(path)
    message = str(info.value)
    assert str(path) in message
    assert "line 3, column 8" in message
    assert "byte offset 19" in message
    assert "coding cookie" in message and "UTF-8" in message
    assert info.value.path == path


@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r"])
def test_line_numbers_follow_any_line_ending(tmp_path: Path, newline: bytes) -> None:
    data = newline.join([b"a = 1", b"b = 2", b"c = '\xff'", b""])
    with pytest.raises(DecodeError, match="line 3, column 6"):
        read_source(make(tmp_path, data))


def test_invalid_utf8_on_the_first_line(tmp_path: Path) -> None:
    # tokenize rejects this while looking for a cookie; the message is the same kind.
    with pytest.raises(DecodeError, match="line 1, column 6"):
        read_source(make(tmp_path, b's = "\xe9"\n'))


def test_byte_offsets_count_the_bom(tmp_path: Path) -> None:
    with pytest.raises(DecodeError, match=r"line 1, column 4 \(byte offset 3\)"):
        read_source(make(tmp_path, BOM + b"\xff\n"))


def test_invalid_bytes_for_the_declared_codec(tmp_path: Path) -> None:
    with pytest.raises(DecodeError, match="not valid ascii"):
        read_source(make(tmp_path, b"# coding: ascii\ns = '\xe9'\n"))


def test_unknown_codec(tmp_path: Path) -> None:
    with pytest.raises(DecodeError, match="unknown encoding 'klingon'"):
        read_source(make(tmp_path, b"# coding: klingon\n"))


def test_codec_that_is_not_a_text_encoding(tmp_path: Path) -> None:
    with pytest.raises(DecodeError, match="not a text encoding"):
        read_source(make(tmp_path, b"# coding: hex\nx = 1\n"))


def test_nul_byte_means_binary(tmp_path: Path) -> None:
    with pytest.raises(BinaryFile, match="NUL byte at line 2"):
        read_source(make(tmp_path, b"x = 1\ny\x00\n"))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile, match="does not exist"):
        read_source(tmp_path / "gone.py")


def test_folder(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile, match="folder"):
        read_source(tmp_path)


def test_dangling_symlink(tmp_path: Path) -> None:
    (tmp_path / "link.py").symlink_to(tmp_path / "nowhere.py")
    with pytest.raises(UnreadableFile, match="dangling symbolic link"):
        read_source(tmp_path / "link.py")


def test_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "a.py").symlink_to(tmp_path / "b.py")
    (tmp_path / "b.py").symlink_to(tmp_path / "a.py")
    with pytest.raises(UnreadableFile, match="loop"):
        read_source(tmp_path / "a.py")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.py")
    with pytest.raises(UnreadableFile, match="not a regular file"):
        read_source(tmp_path / "pipe.py")


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # chmod does not stop root, so provoke the error the way the OS would report it.
    path = make(tmp_path, b"x = 1\n")

    def deny(*args: object, **kwargs: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(sourcefile.os, "open", deny)
    with pytest.raises(UnreadableFile, match="permission denied.*make it readable"):
        read_source(path)


def test_every_error_is_a_source_error() -> None:
    for error in (
        UnreadableFile,
        DecodeError,
        BinaryFile,
        UnencodableText,
        WriteFailed,
        ChangedOnDisk,
    ):
        assert issubclass(error, SourceError)


# --- reading only the bytes of a file ruled out by them -------------------------------------

UNWANTED_BAD = {
    "nul": (b"x = 1\0\n", BinaryFile),
    "not_utf8": (b"x = 1\n# caf\xe9\n", DecodeError),
    "unknown_cookie": (b"# -*- coding: klingon -*-\nx = 1\n", DecodeError),
    "bom_and_cookie": (BOM + b"# coding: latin-1\nx = 1\n", DecodeError),
}


@pytest.mark.parametrize("case", sorted(UNWANTED_BAD))
def test_a_file_ruled_out_by_its_bytes_is_still_reported_unreadable(
    tmp_path: Path, case: str
) -> None:
    """Whether a file is reported does not depend on whether it could need work."""
    data, error = UNWANTED_BAD[case]
    path = make(tmp_path, data)
    with pytest.raises(error) as wanted:
        read_source(path)
    with pytest.raises(error) as unwanted:
        sourcefile.read_if_wanted(path, lambda raw: False)
    assert unwanted.value.message == wanted.value.message


@pytest.mark.parametrize(
    "data",
    [b"x = 1\n", 'name = "h\u00e9llo"\n'.encode(), b"", b"# coding: latin-1\ns = '\xe9'\n"],
)
def test_a_file_ruled_out_by_its_bytes_gives_its_stat(tmp_path: Path, data: bytes) -> None:
    path = make(tmp_path, data)
    seen: list[bytes] = []
    st = sourcefile.read_if_wanted(path, lambda raw: seen.append(raw) or False)
    assert seen == [data]
    assert isinstance(st, os.stat_result) and st.st_size == len(data)
    wanted = sourcefile.read_if_wanted(path, lambda raw: True)
    assert isinstance(wanted, sourcefile.SourceText)
    assert wanted.text == read_source(path).text and wanted.raw == data


def test_a_plain_file_ruled_out_by_its_bytes_is_not_decoded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cold run rules out most files by their bytes: they cost no decoding."""

    def decode(*args: object) -> str:
        raise AssertionError("decoded")

    monkeypatch.setattr(sourcefile, "_decode", decode)
    monkeypatch.setattr(sourcefile, "_detect_encoding", decode)
    path = make(tmp_path, 'name = "h\u00e9llo"\n'.encode())
    assert isinstance(sourcefile.read_if_wanted(path, lambda raw: False), os.stat_result)
    with pytest.raises(AssertionError, match="decoded"):
        sourcefile.read_if_wanted(path, lambda raw: True)


@pytest.mark.parametrize("size", [0, 1, 5000, 200_000])
def test_reads_every_byte_whatever_the_size(tmp_path: Path, size: int) -> None:
    data = (b"x = 1\n" * (size // 6 + 1))[:size]
    assert read_source(make(tmp_path, data)).raw == data


def test_reads_a_file_longer_than_its_stat_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that grew between its ``stat`` and its read is read to its end."""
    data = b"x = 1\n" * 50_000
    path = make(tmp_path, data)
    fstat = os.fstat

    def stale(fd: int) -> os.stat_result:
        st = fstat(fd)
        return os.stat_result((st.st_mode, *st[1:6], 10, *st[7:]))

    monkeypatch.setattr(sourcefile.os, "fstat", stale)
    assert read_source(path).raw == data


# --- byte-exact round trips -----------------------------------------------------------------

ROUND_TRIPS = {
    "lf": b"a = 1\nb = 2\n",
    "crlf": b"a = 1\r\nb = 2\r\n",
    "mixed": b"a = 1\r\nb = 2\nc = 3\rd = 4\r\n",
    "no final newline": b"a = 1\nb = 2",
    "crlf without final newline": b"a = 1\r\nb = 2",
    "bom and crlf": BOM + b"a = '\xc3\xa9'\r\n",
    "latin-1": b"# coding: latin-1\r\ns = '\xe9'",
    "cp1252": b"# coding: cp1252\ns = '\x80'\n",
    "empty": b"",
    "form feed and odd separators": b"a = 1\x0c\nb = '\xe2\x80\xa8'\n",
}


@pytest.mark.parametrize("data", ROUND_TRIPS.values(), ids=ROUND_TRIPS.keys())
def test_unchanged_text_writes_the_same_bytes(tmp_path: Path, data: bytes) -> None:
    path = make(tmp_path, data)
    src = read_source(path)
    assert encode_source(src, src.text) == data
    write_source(src, src.text)
    assert path.read_bytes() == data


def test_crlf_survives_an_edit(tmp_path: Path) -> None:
    path = make(tmp_path, b"a = 1\r\nb = 2\r\n")
    src = read_source(path)
    assert src.text == "a = 1\r\nb = 2\r\n"
    write_source(src, src.text.replace("b = 2", "b = 3"))
    assert path.read_bytes() == b"a = 1\r\nb = 3\r\n"


def test_bom_is_put_back(tmp_path: Path) -> None:
    path = make(tmp_path, BOM + b"x = 1\n")
    write_source(read_source(path), "x = 2\n")
    assert path.read_bytes() == BOM + b"x = 2\n"


def test_edit_is_written_in_the_file_encoding(tmp_path: Path) -> None:
    path = make(tmp_path, b"# coding: cp1252\ns = '\x80'\n")
    src = read_source(path)
    write_source(src, src.text + "t = '\u2019'\n")
    assert path.read_bytes() == b"# coding: cp1252\ns = '\x80'\nt = '\x92'\n"


def test_unencodable_text_is_refused_before_writing(tmp_path: Path) -> None:
    data = b"# coding: latin-1\ns = '\xe9'\n"
    path = make(tmp_path, data)
    src = read_source(path)
    with pytest.raises(UnencodableText) as info:
        write_source(src, src.text + "t = '\u2603'\n")
    message = str(info.value)
    assert "U+2603" in message and "line 3, column 6" in message and "UTF-8" in message
    assert isinstance(info.value, SourceError)
    assert path.read_bytes() == data
    assert temp_files(tmp_path) == []


# --- writing safely -------------------------------------------------------------------------


def test_write_replaces_the_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = make(tmp_path, b"x = 1\n")
    write_source(read_source(path), "x = 2\n")
    assert path.read_bytes() == b"x = 2\n"
    assert sorted(tmp_path.iterdir()) == [path]


@pytest.mark.parametrize("mode", [0o644, 0o600, 0o755, 0o640])
def test_mode_bits_are_kept(tmp_path: Path, mode: int) -> None:
    path = make(tmp_path, b"x = 1\n")
    path.chmod(mode)
    write_source(read_source(path), "x = 2\n")
    assert stat.S_IMODE(path.stat().st_mode) == mode


def test_owner_is_kept(tmp_path: Path) -> None:
    path = make(tmp_path, b"x = 1\n")
    if os.geteuid() == 0:
        os.chown(path, 4242, 4343)  # root writing someone else's file must not take it over
    before = path.stat()
    write_source(read_source(path), "x = 2\n")
    after = path.stat()
    assert (after.st_uid, after.st_gid) == (before.st_uid, before.st_gid)


def test_symlink_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    real = make(tmp_path, b"x = 1\n", "real.py")
    (tmp_path / "sub").mkdir()
    link = tmp_path / "sub" / "link.py"
    link.symlink_to(Path("..") / "real.py")
    write_source(read_source(link), "x = 2\n")
    assert link.is_symlink()
    assert os.readlink(link) == str(Path("..") / "real.py")
    assert real.read_bytes() == b"x = 2\n"
    assert temp_files(tmp_path) == temp_files(tmp_path / "sub") == []


def test_change_of_size_is_detected(tmp_path: Path) -> None:
    path = make(tmp_path, b"x = 1\n")
    src = read_source(path)
    path.write_bytes(b"x = 100\n")
    with pytest.raises(ChangedOnDisk, match="changed on disk.*Run the migration again"):
        write_source(src, "x = 2\n")
    assert path.read_bytes() == b"x = 100\n"
    assert temp_files(tmp_path) == []


def test_same_size_change_is_detected_by_content(tmp_path: Path) -> None:
    path = make(tmp_path, b"x = 1\n")
    src = read_source(path)
    path.write_bytes(b"x = 9\n")
    bump_mtime(path)
    with pytest.raises(ChangedOnDisk):
        write_source(src, "x = 2\n")
    assert path.read_bytes() == b"x = 9\n"


def test_a_touch_alone_is_not_a_change(tmp_path: Path) -> None:
    path = make(tmp_path, b"x = 1\n")
    src = read_source(path)
    bump_mtime(path)
    write_source(src, "x = 2\n")
    assert path.read_bytes() == b"x = 2\n"


def test_deleted_since_read(tmp_path: Path) -> None:
    path = make(tmp_path, b"x = 1\n")
    src = read_source(path)
    path.unlink()
    with pytest.raises(ChangedOnDisk, match="deleted or moved"):
        write_source(src, "x = 2\n")
    assert not path.exists()


def _writes_are_refused_in(folder: Path) -> bool:
    try:
        (folder / "probe").touch()
    except PermissionError:
        return True
    (folder / "probe").unlink()
    return False


def test_read_only_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = make(folder, b"x = 1\n")
    src = read_source(path)
    folder.chmod(0o555)
    try:
        if not _writes_are_refused_in(folder):
            # Running as root: permissions do not stop us, so fail the way a read-only
            # file system would, at the step that actually replaces the file.
            def refuse(*args: object) -> None:
                raise OSError(errno.EROFS, "Read-only file system")

            monkeypatch.setattr(sourcefile.os, "replace", refuse)
        with pytest.raises(WriteFailed) as info:
            write_source(src, "x = 2\n")
    finally:
        folder.chmod(0o755)
    assert str(path) in str(info.value) and "writable" in str(info.value)
    assert path.read_bytes() == b"x = 1\n"
    assert temp_files(folder) == []


def test_failed_replace_keeps_the_original_and_removes_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make(tmp_path, b"x = 1\n")
    src = read_source(path)
    seen: list[Path] = []

    def fail(source: str, target: object) -> None:
        seen.append(Path(source))
        assert Path(source).read_bytes() == b"x = 2\n"  # fully written before the swap
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(sourcefile.os, "replace", fail)
    with pytest.raises(WriteFailed, match="Invalid cross-device link.*original is unchanged"):
        write_source(src, "x = 2\n")
    assert seen[0].parent == tmp_path
    assert seen[0].name.startswith(".migrator-") and seen[0].name.endswith(".tmp")
    assert path.read_bytes() == b"x = 1\n"
    assert temp_files(tmp_path) == []


def test_disk_full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make(tmp_path, b"x = 1\n")
    src = read_source(path)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(sourcefile.os, "fsync", full)
    with pytest.raises(WriteFailed, match="No space left on device"):
        write_source(src, "x = 2\n")
    assert path.read_bytes() == b"x = 1\n"
    assert temp_files(tmp_path) == []


def test_interrupted_write_removes_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make(tmp_path, b"x = 1\n")
    src = read_source(path)

    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(sourcefile.os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_source(src, "x = 2\n")
    assert path.read_bytes() == b"x = 1\n"
    assert temp_files(tmp_path) == []


def test_read_only_file_is_not_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make(tmp_path, b"x = 1\n")
    path.chmod(0o444)
    src = read_source(path)
    if os.access(path, os.W_OK):
        # Root may write anything; pretend to be the user whose file this is.
        monkeypatch.setattr(sourcefile.os, "access", lambda *args, **kwargs: False)
    with pytest.raises(WriteFailed, match=r"read-only.*chmod u\+w"):
        write_source(src, "x = 2\n")
    assert path.read_bytes() == b"x = 1\n"
    assert temp_files(tmp_path) == []
