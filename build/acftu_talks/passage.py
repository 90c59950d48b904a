"""The one object that carries a paragraph through the steps of a build.

Each span ``segment`` cuts (a non-empty line) becomes a :class:`Passage`; ``annotate``
gives it its :class:`~acftu_talks.annotate.Annotation`, an override in the
sidecar replaces that annotation by a new one, and ``assemble`` adds the
paragraph record and the sentence records made of it. Each step reads and
fills the same object, so nothing is matched up by position afterwards.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotate imports segment, which the pipeline imports first
    from .annotate import Annotation
    from .segment import Span


@dataclass
class Passage:
    span: Span
    annotation: Annotation | None = None
    record: dict | None = None  # the paragraph record (schema/paragraph.schema.json)
    sentences: list[dict] = field(default_factory=list)  # its sentence records

    @property
    def paragraph_number(self) -> int:
        return self.span.paragraph_number
