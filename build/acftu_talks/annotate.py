"""Step 3: type each paragraph and attribute its speech, by general rules.

Every decision carries the name of the rule that made it (``annotation_rule``)
so that users can audit it and curators can override it in the sidecar.
The rules are written for the genre (Chinese state-media speech texts and news
reports of leaders' talks), not for the two seed texts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .rules import sentences as sentence_splitter
from .rules.captions import caption_fields, find_credit
from .segment import Span
from .rules.speech import MODAL_OPENING, Sentence, SpeechRules, paragraph_mode

# An editor's note: "※这是……", "编者按：……", "【编者按】……".
EDITOR_NOTE = re.compile(r"^(?:※|[【\[]?编者按[】\]]?[：:]?)")
# A dateline: "新华社北京10月29日电", optionally "（记者 X）". Alone on its line it
# is a dateline paragraph; at the start of a body paragraph it still dates the dispatch.
DATELINE_PREFIX = re.compile(
    r"^(?P<agency>新华社|新华网|中新社|人民网|央视网|本报)?(?P<place>[\u4e00-\u9fff]{2,8}?)"
    r"(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})日(?:电|讯)"
    r"(?:\s*[（(][^）)]*[）)])?")
# "（2020年11月24日）" under a speech's title: the day it was given.
SPEECH_DATE = re.compile(r"^[（(]\d{4}年\d{1,2}月\d{1,2}日[）)]$")
# A subtitle line: "——在全国劳动模范表彰大会上的讲话".
SUBTITLE = re.compile(r"^(?:——|—|－－)")
# A section heading of a speech text on its own line: "一、……", "（二）……", "第三部分 ……".
HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+部分)[^。！？]{1,40}$")
# A byline: a name, or a reporter's byline "新华社记者 张三 李四".
NAME_LINE = re.compile(r"^[\u4e00-\u9fff]{2,4}(?:·[\u4e00-\u9fff]{1,6})?$")
REPORTER_LINE = re.compile(r"^(?:新华社|本报|人民日报)?记者\s*[\u4e00-\u9fff]{2,4}(?:\s+[\u4e00-\u9fff]{2,4})*$")
SENTENCE_PUNCT = re.compile(r"[。！？!?；;]")
TITLE_MAX = 80
TITLE_LINES = 3  # a headline may run to three lines (引题, 主题, 副题)
SPEECH_DATE_LINE = "speech-date-line"


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
    # A speech's date line gives the day the speech was given; a dispatch's
    # dateline gives the day it was filed.
    event_date_line: bool = False

    @property
    def rule(self) -> str:
        return f"{self.segment_rule}/{self.speech_rule}"


class FrontMatter:
    """Tracks the lines before the first body paragraph: title lines, a
    subtitle, a speech's date line and a byline."""

    def __init__(self, names: list[str]):
        self.names = set(names)
        self.title_lines = 0
        self.byline = False
        self.open = True

    def classify(self, text: str) -> tuple[str, str] | None:
        if not self.open:
            return None
        short = (len(text) <= TITLE_MAX and not SENTENCE_PUNCT.search(text)
                 and not text.endswith(("：", ":", "，", ",")))  # "同志们，朋友们：" opens a speech
        if self.title_lines and not self.byline:
            if NAME_LINE.match(text) and (text in self.names or len(text) <= 3) or REPORTER_LINE.match(text):
                self.byline = True
                return "byline", "byline-after-title"
            if SPEECH_DATE.match(text):
                return "dateline", SPEECH_DATE_LINE
            if SUBTITLE.match(text) and short:
                return "title", "subtitle-dash"
            if short and self.title_lines < TITLE_LINES and not HEADING.match(text):
                self.title_lines += 1
                return "title", "title-continuation"
        if not self.title_lines and short and not HEADING.match(text):
            self.title_lines = 1
            return "title", "title-first-line"
        return None


def segment_type(span: Span, front: FrontMatter) -> tuple[str, str]:
    """The paragraph's segment type and the rule that decided it."""
    text = span.text
    if find_credit(text):
        return "photo_caption", "caption-credit"
    if EDITOR_NOTE.match(text):
        return "editor_note", "editor-note-mark"
    if DATELINE_PREFIX.fullmatch(text):
        return "dateline", "dateline-only"
    decided = front.classify(text)
    if decided:
        return decided
    if HEADING.match(text):
        front.open = False
        return "heading", "section-heading"
    front.open = False
    return "body", "body-default"


def dateline_text(segment: str, text: str) -> str | None:
    """The dateline a paragraph holds: all of a dateline paragraph, or the
    prefix of a body paragraph ("新华社北京10月29日电 中共中央……")."""
    if segment == "dateline":
        return text
    if segment == "body":
        match = DATELINE_PREFIX.match(text)
        return match.group() if match else None
    return None


def speech(span: Span, seg_type: str, doc_type: str, author: str | None,
           rules: SpeechRules, previous: Annotation | None) -> tuple[str, str | None, str, list[Sentence]]:
    """Speech mode, speaker, rule name and sentences of one paragraph."""
    bounds = sentence_splitter.split(span.text)
    if seg_type != "body":
        return "none", None, "not-body", [Sentence(s, e, "none", None) for s, e in bounds]
    if doc_type == "speech_text":
        # A published speech text is the speaker's own wording throughout.
        return "direct", author, "speech-text-author", [Sentence(s, e, "direct", author) for s, e in bounds]
    last = previous.speaker if previous else None
    found = rules.sentences(span.text, last, bounds)
    if {s.speech_mode for s in found} == {"narration"} and previous and previous.speech_mode in ("reported", "mixed") \
            and last and MODAL_OPENING.match(span.text) and not rules.names_in(span.text):
        found = [Sentence(s.start, s.end, "reported", last) for s in found]
        return "reported", last, "reported-continuation", found
    mode, speaker, rule = paragraph_mode(found)
    return mode, speaker, rule, found


def annotate(passages: list, doc_type: str, speaker: str, names: list[str]) -> None:
    """Annotate the paragraphs of one document, in order: each passage gets
    its ``annotation``."""
    rules = SpeechRules.for_names((speaker, *names))
    front = FrontMatter([speaker, *names])
    author = speaker
    previous_body: Annotation | None = None
    for passage in passages:
        span = passage.span
        seg, seg_rule = segment_type(span, front)
        if seg == "byline" and NAME_LINE.match(span.text):
            # The byline names the author of a signed text.
            author = span.text
        mode, who, speech_rule, sents = speech(span, seg, doc_type, author, rules, previous_body)
        note = Annotation(seg, mode, who, seg_rule, speech_rule, sentences=sents,
                          event_date_line=seg_rule == SPEECH_DATE_LINE)
        if seg == "photo_caption":
            note.caption_date, note.photo_credit, note.photographers = caption_fields(span.text)
        passage.annotation = note
        if seg == "body":
            previous_body = note
