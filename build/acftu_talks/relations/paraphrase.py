"""``paraphrase``, ``omitted`` and ``added`` alignments: which sentences of the
speaker's own text a readout of the same event renders, which it leaves
out, and which readout sentences (narration included) render none of it.

Side a is always the speech text (what was said), side b the readout (how
it was reported), whatever the doc_ids. Candidates are the sentence pairs
that share character n-grams (from the index); each candidate is scored by
the characters the two sentences have in common, in order (the matching
blocks of a character alignment). A readout sentence renders the
candidates that cover enough of either sentence and come close to its best
candidate, so a sentence that condenses two speech-text sentences aligns to
both, while a shared stock phrase (职工群众, 工会工作) aligns to nothing.
"""
from __future__ import annotations

import difflib
from typing import Iterator

from .corpus import Corpus, Doc, Sentence
from .ngrams import NgramIndex, content_length

METHOD = "ngram-candidates+char-blocks"
OMITTED_METHOD = "no-rendering-candidate"
ADDED_METHOD = "no-rendered-candidate"
N = 4
MIN_SHARED_GRAMS = 2
MIN_BLOCK = 3       # a common run shorter than this is chance (的, 工会)
MIN_MATCHED = 6     # characters in common, at the least
MIN_COVER = 0.5     # of the readout sentence or of the speech-text sentence
NEAR_BEST = 0.5     # of the best candidate's characters in common
MAX_POSTINGS = 64

SPEECH_TEXT = "speech_text"
# what the speaker is reported to have said; narration (who attended) renders nothing
READOUT_MODES = ("reported", "direct")


def speech_sentences(doc: Doc) -> list[Sentence]:
    return [s for s in doc.sentences if s.segment_type == "body" and s.speech_mode == "direct"]


def readout_sentences(doc: Doc, narration: bool = False) -> list[Sentence]:
    """The readout's body sentences that can render the speech text; with
    ``narration``, its narration too (for ``added``)."""
    return [s for s in doc.sentences
            if s.segment_type == "body" and (narration or s.speech_mode in READOUT_MODES)]


def event_pairs(corpus: Corpus) -> list[tuple[Doc, Doc]]:
    """(speech text, readout) pairs of one event, grouped by event first so
    that a large corpus is not compared document against document."""
    by_event: dict[str, list[Doc]] = {}
    for doc in corpus:
        by_event.setdefault(doc.event_id, []).append(doc)
    pairs = []
    for event in sorted(by_event):
        docs = by_event[event]
        for speech in docs:
            if speech.doc_type == SPEECH_TEXT:
                pairs += [(speech, other) for other in docs if other.doc_type != SPEECH_TEXT]
    return pairs


def matched_chars(a: str, b: str) -> int:
    """Characters of ``a`` and ``b`` in common, in order, counting only
    runs of at least MIN_BLOCK characters that are not all punctuation."""
    blocks = difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return sum(size for i, _, size in blocks if size >= MIN_BLOCK and content_length(a[i:i + size]))


def _row(kind, speech: Doc, s: Sentence, readout: Doc, r: Sentence | None, score, method) -> dict:
    return {
        "kind": kind, "op": None,
        "doc_id_a": speech.doc_id, "sentence_id_a": s.sentence_id,
        "char_start_a": s.char_start, "char_end_a": s.char_end, "text_a": s.text,
        "doc_id_b": readout.doc_id, "sentence_id_b": r.sentence_id if r else None,
        "char_start_b": r.char_start if r else None, "char_end_b": r.char_end if r else None,
        "text_b": r.text if r else None,
        "artifact": None, "difference": None, "score": score, "method": method,
    }


def align_pair(speech: Doc, readout: Doc) -> Iterator[dict]:
    said, reported = speech_sentences(speech), readout_sentences(readout)
    index = NgramIndex(N)
    for s in said:
        index.add(s.text)
    for r in reported:
        index.add(r.text)
    k = len(said)
    shared = index.shared_grams(MAX_POSTINGS, lambda x, y: (x < k) != (y < k))
    candidates: dict[int, list[tuple[int, int, float]]] = {}
    best_dice = [0.0] * k
    for (x, y), count in sorted(shared.items()):
        if count < MIN_SHARED_GRAMS:
            continue
        s, r = said[x], reported[y - k]
        m = matched_chars(r.text, s.text)
        dice = round(2 * m / (len(s.text) + len(r.text)), 4)
        best_dice[x] = max(best_dice[x], dice)
        if m >= MIN_MATCHED and (m >= MIN_COVER * len(r.text) or m >= MIN_COVER * len(s.text)):
            candidates.setdefault(y - k, []).append((m, x, dice))
    rendered = set()
    for y in sorted(candidates):
        best = max(m for m, _, _ in candidates[y])
        for m, x, dice in sorted(candidates[y], key=lambda c: c[1]):
            if m >= NEAR_BEST * best:
                rendered.add(x)
                yield _row("paraphrase", speech, said[x], readout, reported[y], dice, METHOD)
    for x, s in enumerate(said):
        if x not in rendered:
            yield _row("omitted", speech, s, readout, None, best_dice[x], OMITTED_METHOD)
    # the reverse: what the readout says that the speech text does not, its
    # narration (who attended, who reported) included
    renders = {reported[y].sentence_id for y in candidates}
    for r in readout_sentences(readout, narration=True):
        if r.sentence_id not in renders:
            best = max((2 * matched_chars(r.text, s.text) / (len(s.text) + len(r.text)) for s in said), default=0.0)
            yield _added(readout, r, speech, round(best, 4))


def _added(readout: Doc, r: Sentence, speech: Doc, score: float) -> dict:
    return {
        "kind": "added", "op": None,
        "doc_id_a": readout.doc_id, "sentence_id_a": r.sentence_id,
        "char_start_a": r.char_start, "char_end_a": r.char_end, "text_a": r.text,
        "doc_id_b": speech.doc_id, "sentence_id_b": None, "char_start_b": None, "char_end_b": None,
        "text_b": None, "artifact": None, "difference": None, "score": score, "method": ADDED_METHOD,
    }


def align(corpus: Corpus) -> Iterator[dict]:
    """Paraphrase and omitted rows (without alignment_id) for every speech
    text and each readout of its event."""
    for speech, readout in event_pairs(corpus):
        yield from align_pair(speech, readout)
