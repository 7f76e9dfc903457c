"""Inputs: find them (folders walked), read them (regular files only, within a size), tell their kind.

Only this module and `pipeline.store` touch the file system for the pipeline;
`pipeline.run` composes the stages over the bytes read here.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pipeline.display import path_key
from pipeline.errors import InputError
from pipeline.extract.images import IMAGE_SUFFIXES, is_image
from pipeline.models import InputKind

INPUT_SUFFIXES: dict[str, InputKind] = {
    ".txt": "text",
    ".pdf": "pdf",
    **dict.fromkeys(IMAGE_SUFFIXES, "scan"),  # an image file is always a scan
}
# Bytes we refuse to read into memory for one document.
DEFAULT_MAX_BYTES = 512 * 1024 * 1024
READ_CHUNK = 1 << 20


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def detect_kind(path: Path, data: bytes) -> InputKind:
    """Given a file and its bytes, return its input kind: the content wins over the name."""
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if is_image(data):
        return "scan"
    return INPUT_SUFFIXES.get(path.suffix.lower(), "text")


def count_pdf_pages(data: bytes, password: str | None = None) -> int | None:
    """Given PDF bytes, return the page count read cheaply by pdfium, or None if pdfium cannot tell.

    Used to refuse absurd documents before the expensive layout pass; any file
    pdfium cannot open goes on to the PDF extractor, which gives the specific reason.
    """
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data, password=password)
    except (pdfium.PdfiumError, ValueError, OSError):
        return None
    try:
        return len(pdf)
    finally:
        pdf.close()


def read_error(exc: OSError) -> InputError:
    """Given the OSError of reading an input, return the InputError a user can act on."""
    if isinstance(exc, PermissionError):
        return InputError("cannot read file: permission denied")
    if isinstance(exc, IsADirectoryError):
        return InputError("is a directory")
    return InputError(f"cannot read file: {exc.strerror or exc}")


def _kind_of_mode(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def open_input(path: Path, max_bytes: int) -> tuple[int, int]:
    """Given an input path, return (an open descriptor, size) of a regular file within max_bytes.

    Only regular files (or symlinks to them) are inputs.  The type is checked before
    opening (opening a FIFO blocks, a device may have side effects) and again on the
    open descriptor, opened non-blocking, so a file swapped in between is caught too.
    """
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"not a regular file: {_kind_of_mode(st.st_mode)}")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOCTTY)
    except OSError as exc:
        raise read_error(exc) from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"not a regular file: {_kind_of_mode(st.st_mode)}")
        if st.st_size > max_bytes:
            raise InputError(
                f"file too large ({st.st_size} bytes; the limit is {max_bytes}, see --max-bytes)"
            )
    except BaseException:
        os.close(fd)
        raise
    return fd, st.st_size


def iter_chunks(path: Path, max_bytes: int) -> Iterator[bytes]:
    """Given an input path, yield its bytes in chunks; InputError if unreadable, not a regular
    file, or over max_bytes (also when it grows past the limit while being read)."""
    fd, _size = open_input(path, max_bytes)
    total = 0
    try:
        while True:
            try:
                chunk = os.read(fd, READ_CHUNK)
            except OSError as exc:
                raise read_error(exc) from exc
            if not chunk:
                return
            total += len(chunk)
            if total > max_bytes:
                raise InputError(
                    f"file too large (over {max_bytes} bytes while reading; see --max-bytes)"
                )
            yield chunk
    finally:
        os.close(fd)


def read_input(path: Path, max_bytes: int) -> bytes:
    """Given an input path, return its bytes (see `iter_chunks` for what is refused)."""
    return b"".join(iter_chunks(path, max_bytes))


# An input folder that cannot be listed, or a path the OS refuses: reported, never skipped.
OnWalkError = Callable[[Path, InputError], None]


def iter_inputs(paths: Iterable[Path], onerror: OnWalkError | None = None) -> Iterator[Path]:
    """Given files and folders, yield input files: folders recursively (.pdf, .txt, images), sorted.

    Symlinked folders are not followed, so a symlink loop cannot trap the walk;
    a file named explicitly is yielded whatever its suffix.  A subfolder that cannot
    be read (permissions, a path too long) goes to `onerror` with the reason.
    """
    seen: set[Path] = set()

    def walk_error(exc: OSError) -> None:
        if onerror is not None:
            where = Path(exc.filename) if exc.filename else Path("?")
            onerror(where, InputError(f"cannot read folder: {exc.strerror or exc}"))

    for p in paths:
        if p.is_dir():
            found: list[Path] = []
            for root, dirs, files in os.walk(p, followlinks=False, onerror=walk_error):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in files:
                    fp = Path(root) / f
                    if fp.suffix.lower() in INPUT_SUFFIXES and not f.startswith("."):
                        found.append(fp)
            for fp in sorted(found):
                if fp not in seen:
                    seen.add(fp)
                    yield fp
        elif p not in seen:
            seen.add(p)
            yield p


def input_key(path: Path) -> str:
    """Given an input path as found, return its ledger key: absolute, the folder resolved.

    Two runs from different working directories agree on it; a symlinked file keeps
    its own name (only its folder is resolved); a name that is not UTF-8 is stored
    with its bytes escaped (`display.path_key`).
    """
    folder = os.path.realpath(os.path.dirname(os.path.abspath(path)))
    return path_key(os.path.join(folder, os.path.basename(path)))


def hash_file(path: Path, max_bytes: int) -> tuple[str, int, bytes]:
    """Given a path, return (sha256, size, first bytes) reading in chunks; InputError if unreadable.

    Only regular files are read (`open_input`): a FIFO or a device is refused
    before it is opened, and a file is never read past max_bytes.
    """
    h = hashlib.sha256()
    head = b""
    size = 0
    for chunk in iter_chunks(path, max_bytes):
        head = head or chunk[:1024]
        size += len(chunk)
        h.update(chunk)
    return h.hexdigest(), size, head
