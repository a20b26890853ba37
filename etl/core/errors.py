"""Errors of the write side, shared by every step. Messages are German because users read them.

`ProtocolError`: one protocol cannot be read (the readers and the parser raise it, so callers reject the file
cleanly). `BuildError`: the whole build cannot go on (exit code 2).
"""

from __future__ import annotations


class ProtocolError(Exception):
    """A protocol that cannot be read; the message is German and names the file (and line)."""

    def __init__(self, message: str, source: str | None = None, line: int | None = None,
                 *, internal: bool = False) -> None:
        self.message = message
        self.source = source
        self.line = line
        # True when an unexpected bug was wrapped: callers still get one exception type,
        # tests can tell a real rejection from a parser defect.
        self.internal = internal
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = self.source or ""
        if self.line is not None:
            where = f"{where}, Zeile {self.line}" if where else f"Zeile {self.line}"
        return f"{where}: {self.message}" if where else self.message


class BuildError(Exception):
    """A fatal build error (missing folder, unreadable file, broken workbook): exit code 2."""
