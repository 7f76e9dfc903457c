"""PipelineError and its few subclasses: each carries a message a user can act on.

Stages raise them; `run.process_path` catches them once, at the document
boundary, and records `status="failed"` with `str(error)` as the reason.
"""

from __future__ import annotations

from typing import Literal


class PipelineError(Exception):
    """Base class: anything that makes one document unreadable, never the batch.

    `input_kind` is what reading showed the input to be where that differs from what its
    name and first bytes said ("scan": a PDF whose pages OCR read, mostly); the failed
    document is recorded under it, as a read one would be.
    """

    input_kind: Literal["text", "pdf", "scan"] | None = None  # models.InputKind


class InputError(PipelineError):
    """The file cannot be read or decoded at all (empty, binary junk, unknown encoding)."""


class EncryptedError(InputError):
    """The PDF is encrypted and no (correct) password was given."""


class NoTextLayerError(PipelineError):
    """The PDF has pages without a usable text layer (scanned, or CID fonts without Unicode)."""


class NotAFormError(PipelineError):
    """The input is readable but holds no evaluation table (no 評核項目 header found)."""


class StructureError(PipelineError):
    """The table was found but its hierarchy could not be rebuilt."""


class LimitError(PipelineError):
    """A configured limit (pages, time, memory, size) was exceeded."""

    @classmethod
    def pages(cls, pages: int, limit: int) -> LimitError:
        """Given a page count over the --max-pages limit, return the error saying so."""
        return cls(f"{pages} pages; the limit is {limit} (see --max-pages)")
