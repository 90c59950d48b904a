"""``reuse`` alignments: passages that recur across events, each linked to its first attestation.

Every sentence of every document goes into one index of character
``MIN_CHARS``-grams; two sentences of different events that share a gram
seed an exact match, extended to its longest. The shared run is then snapped
to a meaningful unit by the rules in :data:`SNAP_RULES` (see
:func:`snap`): date and time expressions are no part of a passage, an end
of the run that falls inside a clause moves back to a clause mark inside
the run, and a run shorter than a clause to where it cuts no word (before
or after a function character). What is left is kept if it has at least
``MIN_CONTENT`` characters that are not punctuation.

A recurring run is linked to where it is first attested, not to every
earlier talk that has it: a gram seeds pairs only between the spans of the
earliest event that holds it and the spans of every later event (see
``NgramIndex._pairs``). A passage said at k talks is then k - 1 rows (each
later talk to the earliest), not k(k-1)/2; a run that two later talks share
beyond what the earliest has is seeded by its own grams and is a row of
those two (2013 says A, 2018 and 2023 say A B: rows 2013-2018 and 2013-2023
for A, 2018-2023 for A B). A passage found between two later talks that an
earlier one also has after all is moved to its first attestation (see
:func:`_link_first_attestations`). The rows between two later talks that
share a passage of an earlier one are the join of their rows on the text.
Event ids begin with the date, so the smallest is the earliest. What seeding
by grams can still miss: a passage two later talks share whose every gram
(with its context) an earlier talk has, scattered, but not the passage.

Reuse is a relation of events, not of files: the versions of one report and
the readout and speech text of one talk would otherwise repeat one passage
once per pair of documents. Within one pair of events the longest passages
are kept first, ties going to the event's representative document (the
speech text when the event has one, else the first doc_id); a passage whose
text a kept passage of the same pair of events already holds, or that
overlaps a kept one in the same document, is dropped. The other documents
of the event are occurrences of the formulation (see formulations), not
rows of their own.
"""
from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from itertools import accumulate
from typing import Iterator, Optional

from . import search
from .corpus import Corpus, Doc, Sentence
from .ngrams import NgramIndex, content_length, is_mark

METHOD = "ngram-seed-extend+snap"
MIN_CHARS = 8
MIN_CONTENT = 6
# A gram in more sentences than this seeds nothing (see ngrams). The title
# formula of the genre is in every report; in a small corpus it is still
# found, in a large one it is left out of reuse (and of formulations).
MAX_POSTINGS = 64
SPEECH_TEXT = "speech_text"
SEPARATOR = "\x00"

# Function characters of the genre's prose: particles, prepositions,
# conjunctions and the copula. A word boundary lies before or after one.
FUNCTION_CHARS = frozenset("的了在同把对和与及而并从向将被给以于之也都就还又是为着过地得让使其用上下要")
ENUMERATION = frozenset("、")
# Date and time expressions: two talks on the 23rd share 23日 by the calendar, not by the speaker.
DATE_TIME = re.compile(r"[0-9０-９〇零一二三四五六七八九十]+[年月日号](?:[上中下]午|晚|早)?|"
                       r"[上中下]午|凌晨|早上|晚上|傍晚|当天|今天|昨天|日前|近日|\d+[时点](?:\d+分)?")


@dataclass(frozen=True)
class SnapRule:
    name: str
    version: str
    description: str
    examples: tuple[tuple[str, str, str], ...]           # (text a, text b, the passage kept)
    counter_examples: tuple[tuple[str, str, str], ...]   # (text a, text b, a fragment never kept)


SNAP_RULES: tuple[SnapRule, ...] = (
    SnapRule("date-time", "1",
             "Date and time expressions (23日, 上午, 2023年10月) are trimmed off a shared run and cut it: "
             "two leads of the same month day share the date, not a formulation.",
             (("习近平23日上午在中南海同全国总工会领导班子谈话。", "习近平29日上午在中南海同全国总工会领导班子谈话。",
               "在中南海同全国总工会领导班子谈话"),),
             (("中共中央总书记习近平23日上午在中南海会见。", "国务院总理李强23日下午在人民大会堂会见。", "23日"),
              ("国家主席习近平23日上午会见外宾。", "国家主席习近平23日下午会见外宾。", "国家主席习近平23日"))),
    SnapRule("clause-boundary", "1",
             "A run that spans a clause mark (，。；：！？ or a quotation mark; not the enumeration comma 、) drops the part of a clause it "
             "cuts at an end when that part is shorter than MIN_CONTENT; the run is dropped if too "
             "little is left.",
             (("必须维护党中央权威和集中统一领导，始终在思想上紧跟。", "坚决维护党中央权威和集中统一领导，始终在政治上看齐。",
               "维护党中央权威和集中统一领导"),
              ("让职工感受到工会是职工之家，工会干部是娘家人。", "工会是职工之家，工会干部是职工的贴心人。", "工会是职工之家")),
             (("习近平强调，我国工运事业是在党的领导下发展起来的。", "习近平强调，我国工人阶级是主力军。", "习近平强调，我国工"),
              ("习近平强调，工会是职工之家。", "习近平强调，工会要敢于担当。", "习近平强调，工会"))),
    SnapRule("word-boundary", "1",
             "An end inside a clause that no punctuation or function character (的、了、在、同、把、上…) "
             "borders in either text gives back a character cut from a word-level variant (the texts "
             "differ in one or two characters there and agree again: 紧|紧团结 / 紧|密团结) and the "
             "function characters at that end (…奋斗的, 上同党中央…).",
             (("要在思想上政治上行动上同党中央保持高度一致。", "要在政治道路上同党中央保持高度一致。", "党中央保持高度一致"),
              ("团结为实现中国梦而奋斗的强大力量。", "凝聚为实现中国梦而奋斗的主力军。", "实现中国梦而奋斗"),
              ("军作用，把广大职工群众紧紧团结起来。", "指出，把广大职工群众紧密团结奋斗。", "把广大职工群众")),
             (("要把广大职工群众紧紧团结起来。", "必须把广大职工群众紧密团结起来。", "把广大职工群众紧"),
              ("坚持为实现中国梦而奋斗的方向。", "团结为实现中国梦而奋斗的力量。", "为实现中国梦而奋斗的"))),
)


def _masks(text: str) -> bytearray:
    """1 where a character is punctuation or inside a date or time
    expression (a byte a character: the step caches one per sentence)."""
    mask = bytearray(map(is_mark, text))  # map: no Python frame per character
    for m in DATE_TIME.finditer(text):
        mask[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    return mask


_CONTENT = bytes.maketrans(b"\x00\x01", b"\x01\x00")


def _content_prefix(text: str) -> array:
    """p[i]: content characters (see content_length) in text[:i], so that a
    slice's count is one subtraction (4 bytes a character, not a list's 8
    and an int object each)."""
    return array("I", accumulate(bytes(map(is_mark, text)).translate(_CONTENT), initial=0))


def snap(a: str, b: str, start_a: int, start_b: int, length: int,
         masks: tuple[bytearray, bytearray] | None = None,
         content: array | None = None) -> Optional[tuple[int, int, int]]:
    """The shared run ``a[start_a:start_a+length] == b[start_b:start_b+length]``
    snapped to a meaningful unit by SNAP_RULES, or None when none is left.
    ``masks`` and ``content`` (``_content_prefix(a)``) may be passed in by a
    caller that snaps many runs of the same sentences."""
    ma, mb = masks or (_masks(a), _masks(b))
    ca = content if content is not None else _content_prefix(a)
    off = start_b - start_a

    def content_in(i: int, j: int) -> int:  # content_length(a[i:j])
        return ca[j] - ca[i] if j > i else 0

    def marked(i: int) -> bool:  # i: position in a inside the run
        return ma[i] or mb[i + off]

    def trim(s: int, e: int) -> tuple[int, int]:
        while s < e and marked(s):
            s += 1
        while e > s and marked(e - 1):
            e -= 1
        return s, e

    def outside(ia: int, ib: int, chars: frozenset) -> bool:
        """The character just outside an end is a text boundary, a mark
        (or, with ``chars``, one of them) in a or in b."""
        for text, mask, k in ((a, ma, ia), (b, mb, ib)):
            if k < 0 or k >= len(text) or mask[k] or text[k] in chars:
                return True
        return False

    s, e = trim(start_a, start_a + length)
    if s >= e:
        return None
    start_clause = s > start_a or outside(s - 1, s - 1 + off, frozenset())
    end_clause = e < start_a + length or outside(e, e + off, frozenset())
    start_ok = start_clause or outside(s - 1, s - 1 + off, FUNCTION_CHARS)
    end_ok = end_clause or outside(e, e + off, FUNCTION_CHARS)
    # a run that spans a clause mark drops the part of a clause it cuts at
    # an end when that part is too short to mean anything on its own
    # the enumeration comma joins the items of one list (知识型、技能型、创新型), it ends no clause
    # only the first and the last clause mark matter: searched from each end
    first = next((i for i in range(s, e) if marked(i) and a[i] not in ENUMERATION), None)
    last = None if first is None else next(i for i in range(e - 1, first - 1, -1)
                                           if marked(i) and a[i] not in ENUMERATION)
    if first is not None and not start_clause and content_in(s, first) < MIN_CONTENT:
        s, start_ok = first + 1, True
    if last is not None and not end_clause and content_in(last + 1, e) < MIN_CONTENT:
        e, end_ok = last, True
    if e <= s or content_in(s, e) < MIN_CONTENT:
        return None
    s, e = trim(s, e)
    if not start_ok:
        s = _word_start(a, b, s, e, off)
    if not end_ok:
        e = _word_end(a, b, s, e, off)
    s, e = trim(s, e)
    if e <= s or content_in(s, e) < MIN_CONTENT:
        return None
    return s, s + off, e - s


def _reconverges(a: str, b: str, ia: int, ib: int, step: int) -> bool:
    """The texts differ in one or two characters at ia/ib and agree again
    on the two after (紧|紧团结 / 紧|密团结): a word-level variant."""
    la, lb = len(a), len(b)
    for k in (1, 2):
        xa, xb = ia + step * k, ib + step * k
        ya, yb = xa + step, xb + step
        if 0 <= xa < la and 0 <= ya < la and 0 <= xb < lb and 0 <= yb < lb and \
                a[xa] == b[xb] and a[ya] == b[yb] and not is_mark(a[xa]) and not is_mark(a[ya]):
            return True
    return False


def _word_start(a: str, b: str, s: int, e: int, off: int) -> int:
    """A start inside a clause: past a character cut from a word-level
    variant, then past function characters."""
    if s > 0 and s - 1 + off >= 0 and _reconverges(a, b, s - 1, s - 1 + off, -1):
        s += 1
    while s < e and a[s] in FUNCTION_CHARS:
        s += 1
    return s


def _word_end(a: str, b: str, s: int, e: int, off: int) -> int:
    """An end inside a clause: before a character cut from a word-level
    variant, then before function characters."""
    if e < len(a) and e + off < len(b) and _reconverges(a, b, e, e + off, 1):
        e -= 1
    while e > s and a[e - 1] in FUNCTION_CHARS:
        e -= 1
    return e


def representative_rank(doc: Doc) -> tuple:
    """Which document of an event stands for it in a reuse row: the speech
    text (the speaker's own words) first, then by doc_id."""
    return (doc.doc_type != SPEECH_TEXT, doc.doc_id)


def matches(corpus: Corpus, max_postings: int = MAX_POSTINGS,
            lookup: search.Occurrences | None = None) -> Iterator[tuple[Sentence, Sentence, int, int, int]]:
    """(sentence_a, sentence_b, start_a, start_b, length) with offsets
    relative to the sentences, event of a < event of b, sorted."""
    index = NgramIndex(MIN_CHARS)
    sentences: list[Sentence] = []
    events: list[str] = []
    for doc in corpus:  # doc_id order: span numbers do not depend on the reading order
        for s in doc.sentences:
            index.add(s.text)
            sentences.append(s)
            events.append(doc.event_id)
    runs = index.runs(max_postings, lambda x, y: events[x] != events[y], events.__getitem__)
    masks: dict[int, bytearray] = {}
    contents: dict[int, array] = {}

    def mask(x: int) -> bytearray:
        if x not in masks:
            masks[x] = _masks(sentences[x].text)
        return masks[x]

    def content(x: int) -> array:
        if x not in contents:
            contents[x] = _content_prefix(sentences[x].text)
        return contents[x]

    by_events: dict[tuple[str, str], list[tuple]] = {}
    # each run snapped as it is found: the runs are never held together
    for x, y, start_a, start_b, length in runs:
        if events[x] > events[y]:
            x, y, start_a, start_b = y, x, start_b, start_a
        sa, sb = sentences[x], sentences[y]
        snapped = snap(sa.text, sb.text, start_a, start_b, length, (mask(x), mask(y)), content(x))
        if snapped is None:
            continue
        start_a, start_b, length = snapped
        by_events.setdefault((events[x], events[y]), []).append(
            (sa.char_start + start_a, sb.char_start + start_b, length, x, y))
    # the shared runs and the per-sentence caches are done with: the text
    # search below holds the occurrences, the largest part of the step
    del runs, index
    masks.clear()
    contents.clear()
    _link_first_attestations(corpus, by_events, sentences, lookup)
    rank = {d.doc_id: representative_rank(d) for d in corpus}
    for pair in sorted(by_events):
        candidates = set(by_events[pair])
        # a lone candidate is kept: nothing can hold or overlap it (most
        # pairs of events of a large corpus have one)
        kept = list(candidates) if len(candidates) == 1 else _choose(corpus, sentences, rank, candidates)
        for a0, b0, length, x, y in sorted(kept, key=lambda m: (sentences[m[3]].doc_id, m[0],
                                                                sentences[m[4]].doc_id, m[1])):
            sa, sb = sentences[x], sentences[y]
            yield sa, sb, a0 - sa.char_start, b0 - sb.char_start, length


def _choose(corpus: Corpus, sentences: list[Sentence], rank: dict[str, tuple], candidates: set[tuple]) -> list[tuple]:
    """The passages kept of one pair of events' candidates (a0, b0, length, x, y):
    longest first, then the representative documents, then position (the
    same choice every build); one that a kept text holds, or that overlaps a
    kept one in the same document, is dropped."""
    kept: list[tuple] = []
    texts: list[str] = []
    joined = ""
    # characters of each document that a kept passage covers, on the a
    # and on the b side: two non-empty spans overlap exactly when they
    # share a character, so one lookup replaces a scan of every kept one
    cover_a: dict[str, bytearray] = {}
    cover_b: dict[str, bytearray] = {}
    for m in sorted(candidates, key=lambda m: (-m[2], rank[sentences[m[3]].doc_id], rank[sentences[m[4]].doc_id],
                                               m[0], m[1])):
        a0, b0, length, x, y = m
        da, db = sentences[x].doc_id, sentences[y].doc_id
        if da in cover_a and cover_a[da].find(1, a0, a0 + length) != -1 or \
                db in cover_b and cover_b[db].find(1, b0, b0 + length) != -1:
            continue
        text = corpus[da].raw[a0:a0 + length]
        # "in any kept text" as one search of the kept texts joined by a
        # character no text holds (a text that holds it is checked alone)
        if text in joined if SEPARATOR not in text else any(text in t for t in texts):
            continue
        kept.append(m)
        texts.append(text)
        joined += SEPARATOR + text
        for cover, d, start in ((cover_a, da, a0), (cover_b, db, b0)):
            if d not in cover:
                cover[d] = bytearray(len(corpus[d].raw))
            cover[d][start:start + length] = b"\x01" * length
    return kept


def _link_first_attestations(corpus: Corpus, by_events: dict[tuple[str, str], list[tuple]],
                             sentences: list[Sentence], lookup: search.Occurrences | None = None) -> None:
    """Move each passage that an earlier event also has to its first attestation.

    Seeding pairs each gram from its earliest event only, but a passage can
    still be seeded between two later events by a gram that runs past its
    end into context the earliest event does not share (听党话、跟党走， in
    2018 and 2023 after …要听党话、跟党走。 in 2013), or be too short for a
    gram of its own with the earliest event (7 characters, then a different
    mark). After snapping it is a passage of the earlier event, so both its
    occurrences become rows with the passage's first attestation (the
    earliest event, its representative document, the first offset) instead
    of a row between the later two. Every candidate's occurrences are looked
    up in ``lookup``, in one pass, so that the formulations of the passages
    kept need no pass of their own."""
    if not by_events:
        return
    # the corpus's earliest event, not the earliest with a pair: a passage
    # may stand in a talk that no gram paired with anything
    earliest = min(d.event_id for d in corpus)
    later = [pair for pair in by_events if pair[0] != earliest]

    def text(x: int, start: int, length: int) -> str:
        return corpus[sentences[x].doc_id].raw[start:start + length]
    lookup = lookup or search.Occurrences(corpus)
    lookup.look_up(text(m[3], m[0], m[2]) for ms in by_events.values() for m in ms)
    texts = {text(m[3], m[0], m[2]) for pair in later for m in by_events[pair]}
    first = lookup.first_attestations(texts, representative_rank)
    index_of: dict[str, int] = {}
    moved: dict[tuple[str, str], list[tuple]] = {}
    for pair in later:
        kept = []
        for m in by_events[pair]:
            a0, b0, length, x, y = m
            event, _, sentence, at = first[text(x, a0, length)]
            if event >= pair[0]:
                kept.append(m)
                continue
            if not index_of:
                index_of = {s.sentence_id: i for i, s in enumerate(sentences)}
            z = index_of[sentence.sentence_id]
            moved.setdefault((event, pair[0]), []).append((at, a0, length, z, x))
            moved.setdefault((event, pair[1]), []).append((at, b0, length, z, y))
        if kept:
            by_events[pair] = kept
        else:
            del by_events[pair]
    for pair, ms in moved.items():
        by_events.setdefault(pair, []).extend(ms)


def row(sa: Sentence, sb: Sentence, start_a: int, start_b: int, length: int) -> dict:
    """The reuse row (without alignment_id) of a match."""
    a0, b0 = sa.char_start + start_a, sb.char_start + start_b
    text = sa.text[start_a:start_a + length]
    return {
        "kind": "reuse", "op": None,
        "doc_id_a": sa.doc_id, "sentence_id_a": sa.sentence_id,
        "char_start_a": a0, "char_end_a": a0 + length, "text_a": text,
        "doc_id_b": sb.doc_id, "sentence_id_b": sb.sentence_id,
        "char_start_b": b0, "char_end_b": b0 + length, "text_b": text,
        "artifact": None, "difference": None,
        # the share of the shorter sentence the passage makes up
        "score": round(length / min(len(sa.text), len(sb.text)), 4),
        "method": METHOD,
    }


def align(corpus: Corpus, max_postings: int = MAX_POSTINGS,
          lookup: search.Occurrences | None = None) -> Iterator[dict]:
    """Reuse rows (without alignment_id); ``lookup`` keeps the occurrences
    of the candidates for the formulations step."""
    for match in matches(corpus, max_postings, lookup):
        yield row(*match)