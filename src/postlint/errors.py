"""Errors and the exit codes the command line maps them to."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


class PostlintError(Exception):
    """Base class for every error postlint reports to a user as a one-line message."""

    exit_code = EXIT_ERROR


class PackError(PostlintError):
    """A rule pack is broken: names the file, the line and the field."""

    def __init__(self, path: str, line: int | None, message: str, rule: str | None = None):
        self.path = path
        self.line = line
        self.rule = rule
        self.detail = message
        where = f"{path}:{line}" if line else path
        who = f"rule '{rule}': " if rule else ""
        super().__init__(f"{where}: {who}{message}")


class InputError(PostlintError):
    """An input could not be read or decoded; it is reported and the others go on."""

    def __init__(self, path: str, message: str):
        self.path = path
        self.detail = message
        super().__init__(f"{path}: {message}")


class UsageError(PostlintError):
    """Options that cannot work together, an unknown rule or platform, a missing model."""
