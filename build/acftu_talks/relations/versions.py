"""``version`` alignments: two outlets' versions of one text, every
difference its own row.

Two documents are versions of one text when they belong to the same event,
are of the same doc_type (two reports, not a report and the speech text it
renders) and share most of their n-grams (the candidate test, from the
index). Their raw texts are then compared character by character: every
replaced, inserted or deleted run, down to one punctuation mark, is a row,
and the text outside the rows is identical.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Iterator

from .corpus import Corpus, Doc
from .ngrams import SHIFT, NgramIndex, content_length

METHOD = "char-diff"
N = 8
# Share of the shorter document's n-grams the other must contain: two
# versions of one report differ in a few places; two reports of one event
# written independently share their formulas but little else.
MIN_SHARED = 0.8
# a gram repeated more often than this in one event's reports is a formula, not evidence
MAX_GRAM_POSTINGS = 256


@dataclass(frozen=True)
class DifferenceRule:
    """What kind of difference a version row is; the first rule that
    decides is recorded in the row's ``difference``."""
    name: str
    version: str
    description: str
    examples: tuple[tuple[str, str, bool], ...]          # (text a, text b, artifact)
    counter_examples: tuple[tuple[str, str, bool], ...]

    def decides(self, text_a: str, text_b: str, artifact: bool) -> bool:
        return _DECIDERS[self.name](text_a, text_b, artifact)


# an outlet's tag before the text: 央视网消息（新闻联播）：, 新华社北京10月29日电, 人民网北京电
_SOURCE_TAG = re.compile(r"^\s*(?:[\u4e00-\u9fff]{1,8}消息(?:（[^）]{1,16}）)?[：:]|"
                         r"(?:新华社|中新社|人民网)[\u4e00-\u9fff]{0,6}(?:\d+月\d+日)?电(?:（[^）]{1,24}）)?)\s*$")


def _punctuation(a: str, b: str, artifact: bool) -> bool:
    return not artifact and content_length(a) == 0 and content_length(b) == 0


_DECIDERS = {
    "file_artifact": lambda a, b, artifact: artifact,
    "source_tag": lambda a, b, artifact: not artifact and bool(
        (_SOURCE_TAG.match(a) and not b.strip()) or (_SOURCE_TAG.match(b) and not a.strip())),
    "punctuation": _punctuation,
    "wording": lambda a, b, artifact: not artifact,
}

DIFFERENCE_RULES: tuple[DifferenceRule, ...] = (
    DifferenceRule("file_artifact", "1",
                   "A span the builder records as a file artifact (a word processor's bookmark, a "
                   "conversion mark): a difference of the files, not of the published texts.",
                   (("", "[bookmark: _GoBack]", True),), (("、", "，", False),)),
    DifferenceRule("source_tag", "1",
                   "An outlet's tag before the text, on one side only (央视网消息（新闻联播）：, "
                   "新华社北京10月29日电): published, but the outlet's, not the text's.",
                   (("央视网消息（新闻联播）：", "", False), ("", "新华社北京10月29日电", False)),
                   (("消息", "", False), ("央视网消息（新闻联播）：", "新华社北京10月29日电", False))),
    DifferenceRule("punctuation", "1",
                   "Only punctuation, symbols or space differ (、 for ，, a full-width for a half-width mark).",
                   (("、", "，", False), ("", "。", False)), (("的", "", False), ("（", "[bookmark]", True))),
    DifferenceRule("wording", "1",
                   "Any other difference of the published texts: a word added, dropped or replaced.",
                   (("紧密", "紧紧", False), ("", "广大", False)), (("", "[bookmark: _GoBack]", True),)),
)


def classify(text_a: str, text_b: str, artifact: bool) -> str:
    for rule in DIFFERENCE_RULES:
        if rule.decides(text_a, text_b, artifact):
            return rule.name
    return "wording"


def candidate_pairs(corpus: Corpus) -> list[tuple[Doc, Doc]]:
    """Pairs (a, b), a.doc_id < b.doc_id, that are versions of one text."""
    pairs = []
    by_event: dict[tuple[str, str], list[Doc]] = {}
    for doc in corpus:
        by_event.setdefault((doc.event_id, doc.doc_type), []).append(doc)
    for docs in by_event.values():
        if len(docs) < 2:
            continue
        index = NgramIndex(N)
        for doc in docs:
            index.add(doc.raw)
        # positions of each document whose gram the other document has too
        shared: dict[tuple[int, int, int], int] = {}
        for group in index.groups(MAX_GRAM_POSTINGS):
            per_doc: dict[int, int] = {}
            for p in group:
                span = int(p) // SHIFT
                per_doc[span] = per_doc.get(span, 0) + 1
            present = sorted(per_doc)
            for i, x in enumerate(present):
                for y in present[i + 1:]:
                    shared[(x, y, x)] = shared.get((x, y, x), 0) + per_doc[x]
                    shared[(x, y, y)] = shared.get((x, y, y), 0) + per_doc[y]
        for x in range(len(docs)):
            for y in range(x + 1, len(docs)):
                shorter = x if len(docs[x].raw) <= len(docs[y].raw) else y
                grams = len(docs[shorter].raw) - N + 1
                if grams > 0 and shared.get((x, y, shorter), 0) >= MIN_SHARED * grams:
                    pairs.append((docs[x], docs[y]))
    return pairs


def differences(a: Doc, b: Doc) -> Iterator[dict]:
    """One dict per differing run of the two raw texts: op (replace, insert:
    text only in b, delete: text only in a) and the offsets on both sides."""
    matcher = difflib.SequenceMatcher(None, a.raw, b.raw, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        yield {"op": tag, "char_start_a": i1, "char_end_a": i2, "char_start_b": j1, "char_end_b": j2}


def _is_artifact(doc: Doc, start: int, end: int) -> bool:
    return end > start and any(s <= start and end <= e for s, e in doc.artifacts)


def align(corpus: Corpus) -> Iterator[dict]:
    """Version rows (without alignment_id) for every candidate pair."""
    for a, b in candidate_pairs(corpus):
        for d in differences(a, b):
            sa = a.sentence_at(d["char_start_a"], d["char_end_a"])
            sb = b.sentence_at(d["char_start_b"], d["char_end_b"])
            artifact = (_is_artifact(a, d["char_start_a"], d["char_end_a"])
                        or _is_artifact(b, d["char_start_b"], d["char_end_b"]))
            text_a = a.raw[d["char_start_a"]:d["char_end_a"]]
            text_b = b.raw[d["char_start_b"]:d["char_end_b"]]
            yield {
                "kind": "version", "op": d["op"],
                "doc_id_a": a.doc_id, "sentence_id_a": sa.sentence_id if sa else None,
                "char_start_a": d["char_start_a"], "char_end_a": d["char_end_a"],
                "text_a": a.raw[d["char_start_a"]:d["char_end_a"]],
                "doc_id_b": b.doc_id, "sentence_id_b": sb.sentence_id if sb else None,
                "char_start_b": d["char_start_b"], "char_end_b": d["char_end_b"],
                "text_b": b.raw[d["char_start_b"]:d["char_end_b"]],
                "artifact": artifact, "difference": classify(text_a, text_b, artifact),
                "score": None, "method": METHOD,
            }
