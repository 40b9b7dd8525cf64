"""Reading inputs and writing outputs safely.

Reading: only regular files (a FIFO or a device would block or never end), and never more than
the size limit + 1 bytes, whatever the file claims (a file can grow while being read; stdin has
no size). Writing: atomic, so a crash or a full disk never leaves a half-written file behind;
the temporary file carries the writer's process id, so the next render can tell a file left by
a killed render from one a running render is still writing, and remove it.
"""

from __future__ import annotations

import os
import stat
import sys
import time

MAX_BYTES = 5 * 1024 * 1024
"""The size limit of an input (the same as ``readers.located_yaml.MAX_BYTES``)."""
TEMP_PREFIX = ".modelcards-"
STDIN = "-"
_STALE_SECONDS = 3600
"""A temporary file without a process id in its name (older versions) is stale after this long."""


class NotRegularFile(OSError):
    """The path is a FIFO, a device, a socket or a directory: not read."""


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "not a regular file"


def not_regular(path: str) -> str | None:
    """Why ``path`` will not be read (a FIFO, a device, ...), or None for a regular file or a path
    that does not exist (the reader reports that). ``stat`` never blocks, even on a FIFO."""
    if path == STDIN:
        return None
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return None
    return f"{_kind(mode)}, not a regular file; only regular files are read"


def read_limited(path: str, limit: int) -> bytes:
    """The bytes of ``path`` (``-``: stdin), at most ``limit + 1`` of them: a result longer than
    ``limit`` means the input is over the limit, and the caller refuses it with its own message.

    Raises ``NotRegularFile`` for a FIFO, device, socket or directory, without reading from it (the
    file is opened non-blocking, so a FIFO with no writer cannot block the open either), and
    ``OSError`` (``FileNotFoundError``, ...) as ``open`` does.
    """
    if path == STDIN:
        return _read_at_most(sys.stdin.buffer, limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(f"{_kind(mode)}, not a regular file; only regular files are read")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=True) as handle:
            fd = -1
            return _read_at_most(handle, limit)
    finally:
        if fd >= 0:
            os.close(fd)


def _read_at_most(handle: object, limit: int) -> bytes:
    chunks: list[bytes] = []
    remaining = limit + 1
    while remaining > 0:
        chunk = handle.read(min(remaining, 1 << 20))  # type: ignore[attr-defined]
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _mode_for(path: str) -> int:
    """Keep an existing file's permissions; new files get the usual umask-based ones (not mkstemp's 0600)."""
    if os.path.exists(path):
        return os.stat(path).st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: str, content: str | bytes) -> None:
    """Write ``content`` (text as UTF-8, line ends as they are; or bytes as they are) to ``path``
    through a temporary file renamed over it."""
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    import tempfile  # only writing needs it: `check` reads

    fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", dir=directory)
    try:
        if isinstance(content, str):
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(content)
        else:
            with os.fdopen(fd, "wb") as raw:
                raw.write(content)
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def remove_stale_temporaries(directory: str) -> list[str]:
    """Remove the ``.modelcards-*`` temporary files in ``directory`` that a killed write left behind:
    those whose writer process is gone (or, without a process id in the name, older than an hour).
    Only regular files are removed; returns their paths."""
    removed: list[str] = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(TEMP_PREFIX):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        pid_text = entry.name[len(TEMP_PREFIX):].split("-", 1)[0]
        if pid_text.isdigit() and "-" in entry.name[len(TEMP_PREFIX):]:
            stale = not _alive(int(pid_text))
        else:
            stale = time.time() - info.st_mtime > _STALE_SECONDS
        if stale:
            try:
                os.unlink(entry.path)
                removed.append(entry.path)
            except OSError:
                pass
    return removed
