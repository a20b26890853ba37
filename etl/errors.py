"""Errors of the write side. Messages are German because users read them."""

from __future__ import annotations


class BuildError(Exception):
    """A fatal build error (missing folder, unreadable file, broken workbook): exit code 2."""
