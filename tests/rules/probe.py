"""Run one registered rule's example through the builder's steps and report
what the unit it targets came out as, and which rules decided it."""
from __future__ import annotations

import re

from acftu_talks.annotate import annotate_spans as annotate
from acftu_talks.passage import Passage
from acftu_talks.rules.captions import caption_fields
from acftu_talks.rules.dates import date_provenance, event_evidence
from acftu_talks.rules.participants import roles_in
from acftu_talks.rules.registry import Example, Rule
from acftu_talks.segment import segment

EVENT_DATE = "2023-10-23"  # the date the date rules' examples are read against


def run(rule: Rule, example: Example) -> tuple[dict, set[str]]:
    """The target unit's fields and the names of the rules that decided it."""
    text, names = example.text, list(example.names)
    if rule.level == "participant":
        known = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
        # the first name is the text's speaker, as in annotate's calls
        skipped: list[str] = []
        found = roles_in(text, known, frozenset(names[:1]), skipped)
        return {"roles": [(n, r) for n, r, _, _ in found]}, {x for *_, rules in found for x in rules} | set(skipped)
    if rule.level == "caption":
        fired: list[str] = []
        date, credit, photographers = caption_fields(text, fired)
        return {"caption_date": date, "photo_credit": credit, "photographers": photographers}, set(fired)
    spans, _ = segment(text)
    notes = annotate(spans, example.doc_type, names[0], names[1:])
    if rule.level == "date":
        passages = [Passage(span, note, {"paragraph_id": span.paragraph_number, "text": span.text})
                    for span, note in zip(spans, notes)]
        verdict, where = date_provenance(EVENT_DATE, event_evidence(passages))
        return {"evidence": (verdict, where)}, {f"date-{verdict}"}
    target = example.target or text
    index = next(i for i, span in enumerate(spans) if target in span.text or span.text in target)
    span, note = spans[index], notes[index]
    if rule.level == "paragraph":
        fired = {note.segment_rule, note.speech_rule} | {r for s in note.sentences for r in s.rules}
        return {"segment_type": note.segment_type, "speech_mode": note.speech_mode, "speaker": note.speaker,
                "annotation_rule": note.rule}, fired
    at = span.text.find(target) if target in span.text else 0
    sentence = next(s for s in note.sentences if s.start <= at < s.end)
    cut = lambda a, b: span.text[a:b] if a is not None else None  # noqa: E731
    return {"speech_mode": sentence.speech_mode, "speaker": sentence.speaker, "cue": sentence.cue,
            "source": cut(sentence.source_start, sentence.source_end),
            "content": cut(sentence.content_start, sentence.content_end)}, set(sentence.rules)
