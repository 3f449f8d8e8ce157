"""geomap's own exceptions: one base class, a subclass per kind of failure.

The CLI turns each into a one-line click error; notebooks see the message.
"""
from __future__ import annotations


class GeomapError(Exception):
    """Base class for every error geomap raises on purpose."""


class InputError(GeomapError):
    """A file or value a user gave cannot be read: names the file and where."""

    def __init__(self, message: str, path: object | None = None, where: str | None = None):
        self.path = str(path) if path is not None else None
        self.where = where
        self.detail = message
        prefix = ""
        if self.path:
            prefix = f"{self.path}"
            if where:
                prefix += f", {where}"
            prefix += ": "
        super().__init__(prefix + message)


class UsageError(InputError):
    """Options or arguments that do not go together, or a choice that does not exist (exit 2 at the CLI)."""


class ValidationError(GeomapError):
    """Events failed validation; ``problems`` holds every one of them."""

    def __init__(self, problems: list):
        self.problems = list(problems)
        first = str(self.problems[0]) if self.problems else "invalid events"
        more = f" (and {len(self.problems) - 1} more problems)" if len(self.problems) > 1 else ""
        super().__init__(first + more)


class OutputError(GeomapError):
    """An output could not be written; earlier output is left as it was."""


class GazetteerError(GeomapError):
    """The gazetteer or a gazetteer extension cannot be read or used."""
