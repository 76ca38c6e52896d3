"""The one exception tree of tracewire.

    TracewireError              anything tracewire reports to a user as one line
    ├── InputError              an input (file, line, URL) cannot be read as an article
    │   ├── EmptyInput          the file has no bytes or no text
    │   ├── BinaryInput         the bytes are not text (images, archives, executables)
    │   ├── EncodingError       the text cannot be decoded (damaged UTF-8, unknown encoding)
    │   ├── FormatError         the container is broken (truncated HTML, bad JSON, missing field)
    │   └── FetchError          a URL could not be fetched
    ├── KnowledgeBaseError      a registry data file in kb/ is malformed
    ├── StoreError              the database cannot be opened or migrated
    └── AnalysisError           an analysis request is malformed (a grade, a rating, a watch)

The CLI prints ``str(error)`` on stderr and exits non-zero; the API turns it into a 4xx.
"""

from __future__ import annotations


class TracewireError(Exception):
    """Base class: the message is a complete sentence a user can act on."""


class InputError(TracewireError):
    """An input cannot be read as an article; ``where`` names the file (and line or URL)."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


class EmptyInput(InputError):
    """The input is empty: nothing to ingest. Remove the file or fill it."""


class BinaryInput(InputError):
    """The input is binary data, not text. Only text, HTML, JSON lines and feeds are read."""


class EncodingError(InputError):
    """The bytes cannot be decoded as text. Re-save the file as UTF-8."""


class FormatError(InputError):
    """The file's structure is broken (truncated HTML, invalid JSON, a missing field)."""


class FetchError(InputError):
    """A URL could not be fetched (network error, HTTP error, too large, unsupported type)."""


class KnowledgeBaseError(TracewireError):
    """A registry data file cannot be parsed; the message names the file and line."""


class EntityRefError(TracewireError):
    """A name or id given on the command line names no entity, or several (the message lists them)."""


class StoreError(TracewireError):
    """The store cannot be opened or migrated; check the --db path or TRACEWIRE_DB."""


class AnalysisError(TracewireError, ValueError):
    """An analysis request cannot be met: a malformed grade or rating, or a watch naming no
    entity or several; the message says what to give instead."""
