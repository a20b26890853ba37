"""One writer at a time per database: builds and `forget` hold an exclusive lock on `<db>.lock`.

Without it two builds would both copy the old file and the later `os.replace` would drop the
other's load run, and a build started before a `forget` would bring the erased person back.
`fcntl.flock` locks belong to the open file, so two threads of one process exclude each other too,
and the kernel releases the lock when a holder is killed.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from etl.core.errors import BuildError


def lock_path(db: Path) -> Path:
    return Path(f"{db}.lock")


@contextmanager
def build_lock(db: Path) -> Iterator[None]:
    """Hold the database's write lock for the block; waits while another build or erasure holds it."""
    path = lock_path(Path(db))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise BuildError(f"{path}: Sperrdatei nicht anlegbar ({exc.strerror}); ist der Ordner schreibbar?") from exc
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
