"""Rebuild a document's raw text from its records: the proof that cleaning lost nothing.

The contract (see :mod:`acftu_talks.segment` and the ``edits`` field of
``schema/document.schema.json``): every character of the raw text is in
exactly one paragraph's ``text``, in exactly one edit's ``removed``, or is a
``\\n`` line break. A paragraph's ``text`` is ``raw[char_start:char_end]``
without the edits whose span lies inside it (conversion artifacts in the
middle of a line), so those are put back where they were cut.
"""
from __future__ import annotations

from typing import Iterable, Mapping


class RoundTripError(ValueError):
    """The records do not add up to a text: a span overlaps another, does not
    fit, or a gap holds something other than line breaks."""


def _paragraph_piece(paragraph: Mapping, inner: list[Mapping]) -> str:
    """The raw characters of ``[char_start, char_end)``: the paragraph's text
    with the edits cut from inside it put back."""
    start, end, text = paragraph["char_start"], paragraph["char_end"], paragraph["text"]
    out, taken, position = [], 0, start
    for edit in inner:
        if edit["char_start"] < position:
            raise RoundTripError(f"{paragraph['paragraph_id']}: edit {edit['edit_number']} "
                                 f"overlaps another edit at offset {edit['char_start']}")
        keep = edit["char_start"] - position
        out.append(text[taken:taken + keep])
        out.append(edit["removed"])
        taken += keep
        position = edit["char_end"]
    out.append(text[taken:])
    piece = "".join(out)
    if len(piece) != end - start:
        raise RoundTripError(f"{paragraph['paragraph_id']}: text and inner edits give {len(piece)} "
                             f"characters, but the span [{start}, {end}) holds {end - start}")
    return piece


def rebuild(paragraphs: Iterable[Mapping], edits: Iterable[Mapping], source_chars: int) -> str:
    """The raw text of one document, rebuilt from its paragraph records
    (``paragraph_id``, ``text``, ``char_start``, ``char_end``), its ``edits``
    and its length ``source_chars``. Raises :class:`RoundTripError` if the
    pieces overlap, fall outside the text, or leave a gap that a line break
    cannot fill."""
    paragraphs, edits = list(paragraphs), list(edits)
    by_paragraph = {p["paragraph_id"]: p for p in paragraphs}
    inner: dict[str, list[Mapping]] = {pid: [] for pid in by_paragraph}
    pieces: list[tuple[int, int, str, str]] = []  # start, end, text, what
    for edit in edits:
        owner = by_paragraph.get(edit["paragraph_id"]) if edit["paragraph_id"] else None
        if len(edit["removed"]) != edit["char_end"] - edit["char_start"]:
            raise RoundTripError(f"edit {edit['edit_number']}: removed holds {len(edit['removed'])} "
                                 f"characters, its span {edit['char_end'] - edit['char_start']}")
        if owner is not None and owner["char_start"] < edit["char_start"] and edit["char_end"] < owner["char_end"]:
            inner[owner["paragraph_id"]].append(edit)
        else:
            pieces.append((edit["char_start"], edit["char_end"], edit["removed"], f"edit {edit['edit_number']}"))
    for paragraph in paragraphs:
        cuts = sorted(inner[paragraph["paragraph_id"]], key=lambda e: e["char_start"])
        pieces.append((paragraph["char_start"], paragraph["char_end"],
                       _paragraph_piece(paragraph, cuts), paragraph["paragraph_id"]))
    pieces.sort(key=lambda piece: (piece[0], piece[1]))
    out, position = [], 0
    for start, end, text, what in pieces:
        if start < position:
            raise RoundTripError(f"{what} starts at {start}, inside the piece before it (which ends at {position})")
        out.append("\n" * (start - position))
        out.append(text)
        position = end
    if position > source_chars:
        raise RoundTripError(f"the pieces end at {position}, after the text's {source_chars} characters")
    out.append("\n" * (source_chars - position))
    return "".join(out)


def first_difference(expected: str, actual: str) -> int | None:
    """Offset of the first character where the two texts differ, or None."""
    if expected == actual:
        return None
    for index, (a, b) in enumerate(zip(expected, actual)):
        if a != b:
            return index
    return None if len(expected) == len(actual) else min(len(expected), len(actual))


def verify(raw: str, paragraphs: Iterable[Mapping], edits: Iterable[Mapping]) -> None:
    """Raise :class:`RoundTripError` unless the records rebuild ``raw`` exactly."""
    rebuilt = rebuild(paragraphs, edits, len(raw))
    index = first_difference(raw, rebuilt)
    if index is not None:
        raise RoundTripError(f"rebuilt text differs from the raw text at offset {index}: "
                             f"{raw[index:index + 10]!r} became {rebuilt[index:index + 10]!r}")
