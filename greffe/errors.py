"""The domain errors of greffe. Messages say what happened and what to do next; the command
line turns them into one line on stderr and a non-zero exit status."""
from __future__ import annotations


def first_line(error: BaseException) -> str:
    """The first line of an error's message (DuckDB's go on with advice), at most 300 characters;
    its type's name when it has no message."""
    lines = str(error).strip().splitlines()
    return (lines[0] if lines else type(error).__name__)[:300]


class GreffeError(Exception):
    """Base of every error greffe raises on purpose."""


class SetupError(GreffeError):
    """The installation is incomplete or inconsistent (duckdb and its fts extension, the spaCy model)."""


class UnreadableDocument(GreffeError):
    """A source file cannot be read whole; it is quarantined with this reason.

    `reason` is a short stable code (`empty`, `not-a-pdf`, `encrypted`, `truncated`,
    `too-large`, `timeout`, `xml-malformed`, ...), the message says what to do about it.
    """

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason

    def __reduce__(self):
        # an item the archive reader refused carries its error through a run's plan, which is
        # kept on disk (greffe.pipeline.Spool): pickled, so both arguments are needed to read it back
        return type(self), (self.reason, str(self))


class DatabaseNotFound(GreffeError):
    """The base named by --db or $GREFFE_DB does not exist yet."""


class DecisionNotFound(GreffeError):
    """No decision has this id."""


class InvalidFilter(GreffeError):
    """A search filter has a value outside its vocabulary."""


class SpoolFailed(GreffeError):
    """A run's plan cannot be kept in its temporary file (greffe.pipeline.Spool): the temporary
    folder is full, missing or not writable."""


class CommitOutOfMemory(GreffeError):
    """DuckDB ran out of memory while committing a write (greffe.db._transaction says why the run
    must stop there)."""
