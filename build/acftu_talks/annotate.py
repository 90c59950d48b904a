"""Step 3: type each paragraph and attribute its speech, by the rules of its genre.

Every decision carries the name of the registered rule that made it
(``annotation_rule``, see ``rules/registry.py``) so that users can audit it
and curators can override it in the sidecar. The rules are written for the
genre (Chinese state-media speech texts and news reports of leaders' talks);
``rules/genres.py`` says which rule set a document gets.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from .rules import genres
from .rules import sentences as sentence_splitter
from .rules.captions import caption_fields
from .rules.front_matter import SPEECH_DATE_RULE, FrontMatter, is_name_line, segment_type
from .rules.speech import (AUTHOR, content_bounds, CONTINUATION, MODAL_OPENING, NOT_BODY, Sentence, SpeechRules, paragraph_mode,
                           title_holders)
from .segment import Span

@dataclass
class Annotation:
    segment_type: str
    speech_mode: str
    speaker: str | None
    segment_rule: str
    speech_rule: str
    caption_date: str | None = None
    photo_credit: str | None = None
    photographers: list[str] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    source: str = "rule"
    caption_rules: list[str] = field(default_factory=list)
    # A speech's date line gives the day the speech was given; a dispatch's
    # dateline gives the day it was filed.
    event_date_line: bool = False

    @property
    def rule(self) -> str:
        return f"{self.segment_rule}/{self.speech_rule}"


def _content(text: str, start: int, end: int) -> dict:
    """No source mention (the speaker is named elsewhere), and the sentence as content."""
    first, last = content_bounds(text, start, end)
    return {"content_start": first, "content_end": last}


def speech(text: str, seg_type: str, rule_set: genres.RuleSet, author: str | None,
           rules: SpeechRules, previous: Annotation | None) -> tuple[str, str | None, str, list[Sentence]]:
    """Speech mode, speaker, rule name and sentences of one paragraph."""
    bounds = sentence_splitter.split(text)
    if seg_type != "body" and NOT_BODY.enabled:
        return "none", None, NOT_BODY.name, [Sentence(s, e, "none", None, rules=(NOT_BODY.name,)) for s, e in bounds]
    if rule_set.speech == "author" and AUTHOR.enabled:
        # A published speech text is the speaker's own wording throughout.
        return "direct", author, AUTHOR.name, [
            Sentence(s, e, "direct", author, rules=(AUTHOR.name,), **_content(text, s, e)) for s, e in bounds]
    last = previous.speaker if previous else None
    found = rules.sentences(text, last, bounds)
    if CONTINUATION.enabled and {s.speech_mode for s in found} == {"narration"} and previous \
            and previous.speech_mode in ("reported", "mixed") and last and MODAL_OPENING.match(text) \
            and not rules.names_in(text):
        found = [Sentence(s.start, s.end, "reported", last, rules=(CONTINUATION.name,), **_content(text, s.start, s.end))
                 for s in found]
        return "reported", last, CONTINUATION.name, found
    mode, speaker, rule = paragraph_mode(found)
    return mode, speaker, rule, found


def annotate(passages: list, doc_type: str, speaker: str, names: list[str],
             aliases: Mapping[str, str] | None = None, language: str = "zh") -> None:
    """Annotate the paragraphs of one document, in order: each passage gets
    its ``annotation``.

    ``names`` are the people the sidecar knows; ``aliases`` maps other
    surface forms to their canonical names (a people registry's aliases).
    Titles the text gives to one known person (总书记 for 习近平) are added.
    Raises KeyError when no rule set covers (language, doc_type): the build
    reports that as an input error before annotating (``genres.check``).
    """
    rule_set = genres.RULE_SETS[(language, doc_type)]
    known = [speaker, *names]
    surfaces = dict(aliases or {})
    full_text = "\n".join(passage.span.text for passage in passages)
    for title, holder in title_holders(full_text, known + list(surfaces)).items():
        surfaces.setdefault(title, surfaces.get(holder, holder))
    rules = SpeechRules.for_names(tuple(known), tuple(sorted(surfaces.items())))
    front = FrontMatter(known)
    author = speaker
    previous_body: Annotation | None = None
    for passage in passages:
        text = passage.span.text
        seg, seg_rule = segment_type(text, front)
        if seg == "byline" and is_name_line(text):
            # The byline names the author of a signed text.
            author = text
        mode, who, speech_rule, sents = speech(text, seg, rule_set, author, rules, previous_body)
        note = Annotation(seg, mode, who, seg_rule, speech_rule, sentences=sents,
                          event_date_line=seg_rule == SPEECH_DATE_RULE.name)
        if seg == "photo_caption":
            note.caption_date, note.photo_credit, note.photographers = caption_fields(text, note.caption_rules)
        passage.annotation = note
        if seg == "body":
            previous_body = note


def annotate_spans(spans: list[Span], doc_type: str, speaker: str, names: list[str],
                   aliases: Mapping[str, str] | None = None, language: str = "zh") -> list[Annotation]:
    """The annotations of bare spans, in order (for callers without passages)."""
    from .passage import Passage
    passages = [Passage(span) for span in spans]
    annotate(passages, doc_type, speaker, names, aliases, language)
    return [p.annotation for p in passages]


def canonical_speakers(passages: list, forms: Mapping[str, str]) -> None:
    """Name every speaker by the registry's name, whatever form the text used
    (习近平总书记, 总书记 -> 习近平)."""
    for passage in passages:
        note = passage.annotation
        note.speaker = forms.get(note.speaker, note.speaker) if note.speaker else None
        for sentence in note.sentences:
            sentence.speaker = forms.get(sentence.speaker, sentence.speaker) if sentence.speaker else None


def annotate_document(passages: list, meta: dict, forms: Mapping[str, str]) -> None:
    """Annotate a document's passages with the rules of its genre: they find
    every registered name and alias (``forms``: surface form -> registered
    name), title aliases of the speaker (总书记) included, and every speaker is
    then named by the registry's name."""
    annotate(passages, meta["doc_type"], meta["speaker"], sorted(set(forms.values())),
             aliases=forms, language=meta["language"])
    canonical_speakers(passages, forms)
