"""Moved to `etl.parse.errors`; kept so code that still imports it gets the same class."""

from etl.parse.errors import ProtocolError

__all__ = ["ProtocolError"]
