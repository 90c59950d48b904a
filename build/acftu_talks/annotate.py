"""Step 3: type each paragraph and attribute its speech, by general rules.

Every decision carries the name of the rule that made it (``annotation_rule``)
so that users can audit it and curators can override it in the sidecar.
The rules are written for the genre (Chinese state-media speech texts and news
reports of leaders' talks), not for the two seed texts.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from . import sentences as sentence_splitter
from .segment import Span

# --- segment types -----------------------------------------------------------

# A photo credit closes a caption: "新华社记者 鞠鹏 摄", "（新华社记者 王晔 摄）",
# "本报记者张三摄", "人民网 李四 摄".
CREDIT = re.compile(
    r"(?<![^\s（(。，])[（(]?\s*(?P<credit>(?P<agency>[\u4e00-\u9fff]{0,8}(?:记者|通讯员|摄影)\s*)?"
    r"(?P<names>[\u4e00-\u9fff·]{2,6}(?:\s*[、，]\s*[\u4e00-\u9fff·]{2,6})*)\s*摄)\s*[）)]?$")
# An editor's note: "※这是……", "编者按：……", "【编者按】……".
EDITOR_NOTE = re.compile(r"^(?:※|[【\[]?编者按[】\]]?[：:]?)")
# A dateline paragraph: "新华社北京10月29日电", optionally with "（记者 X）".
DATELINE = re.compile(
    r"^(?P<agency>新华社|新华网|中新社|人民网|央视网|本报)?(?P<place>[\u4e00-\u9fff]{2,8}?)"
    r"(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})日(?:电|讯)"
    r"(?:\s*[（(][^）)]*[）)])?$")
SENTENCE_PUNCT = re.compile(r"[。！？!?；;]")
BYLINE_PUNCT = re.compile(r"[。！？!?；;，,：:、]")
TITLE_MAX = 80
BYLINE_MAX = 20

# A full date "2024年4月22日", optionally a range "至24日", then "这是22日下午".
FULL_DATE = re.compile(r"(?P<year>\d{4})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日")
THIS_IS_DAY = re.compile(r"这是(?P<day>\d{1,2})日")

# --- speech ------------------------------------------------------------------

# Verbs with which news reports introduce a speaker's paraphrased words.
CUES = ("指出", "强调", "表示", "要求", "认为", "希望", "提出", "宣布", "谈到", "鼓励",
        "勉励", "寄语", "重申", "号召", "呼吁", "告诫", "提醒", "说")
# Verbs that narrate what people did at the event rather than what was said.
NARRATION_VERBS = re.compile(r"参加|出席|主持|陪同|会见|汇报|作了发言|发言|考察|调研|视察|摄")
# Xinhua readouts sometimes continue a paraphrase in a new paragraph that opens
# with the modal of the leader's instructions.
MODAL_OPENING = re.compile(r"^(?:要|必须|应当|应该|务必)")


@dataclass
class Sentence:
    start: int  # offsets into the paragraph text
    end: int
    speech_mode: str
    speaker: str | None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None


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

    @property
    def rule(self) -> str:
        return f"{self.segment_rule}/{self.speech_rule}"


def find_credit(text: str) -> re.Match | None:
    """The photo credit closing ``text``, if any. Without a 记者/通讯员/摄影
    keyword the credit must be set off by a space or bracket, so that a
    sentence merely ending in 拍摄 is not taken for a credit."""
    match = CREDIT.search(text)
    if match is None:
        return None
    set_off = " \t\u3000\u00a0（("
    if match["agency"] or (match.start() > 0 and set_off.find(text[match.start()]) >= 0) \
            or (match.start() > 0 and set_off.find(text[match.start() - 1]) >= 0):
        return match
    return None


def segment_type(span: Span, previous: str | None) -> tuple[str, str]:
    """The paragraph's segment type and the rule that decided it."""
    text = span.text
    if find_credit(text):
        return "photo_caption", "caption-credit"
    if EDITOR_NOTE.match(text):
        return "editor_note", "editor-note-mark"
    if DATELINE.match(text):
        return "dateline", "dateline-only"
    if span.paragraph_number == 1 and len(text) <= TITLE_MAX and not SENTENCE_PUNCT.search(text):
        return "title", "title-first-line"
    if previous == "title" and len(text) <= BYLINE_MAX and not BYLINE_PUNCT.search(text):
        return "byline", "byline-after-title"
    return "body", "body-default"


def caption_fields(text: str) -> tuple[str | None, str | None, list[str]]:
    """A caption's own photo date (ISO), its credit line and its photographers."""
    credit_match = find_credit(text)
    credit = credit_match["credit"].strip() if credit_match else None
    names = re.split(r"\s*[、，]\s*", credit_match["names"]) if credit_match else []
    photo_date = None
    full = FULL_DATE.search(text)
    if full:
        year, month, day = int(full["year"]), int(full["month"]), int(full["day"])
        # "2024年4月22日至24日……这是22日下午": the photo is of the day named.
        this_is = THIS_IS_DAY.search(text, full.end())
        if this_is:
            day = int(this_is["day"])
        try:
            photo_date = dt.date(year, month, day).isoformat()
        except ValueError:
            photo_date = None
    return photo_date, credit, names


def _cue_pattern(names: list[str]) -> re.Pattern:
    who = "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True) + ["他", "她"])
    cues = "|".join(sorted(CUES, key=len, reverse=True))
    # [lead: titles before the name][name][mid: adverbs, "在讲话中"][cue][，or：]
    return re.compile(
        rf"^(?P<lead>[^，。！？：“”]{{0,40}}?)(?P<name>{who})"
        rf"(?P<mid>[^，。！？：“”]{{0,16}}?)(?P<cue>{cues})[，：:]")


class SpeechRules:
    """Attribution rules for one document, knowing the names it mentions."""

    def __init__(self, names: list[str]):
        self.names = [n for n in names if n]
        self.cue = _cue_pattern(self.names)

    def _names_in(self, text: str) -> list[str]:
        return [n for n in self.names if n in text]

    def sentences(self, text: str, last_speaker: str | None,
                  bounds: list[tuple[int, int]] | None = None) -> list[Sentence]:
        """Attribute each sentence of a news-report paragraph (``bounds``:
        its sentences, if already split)."""
        found: list[Sentence] = []
        current: str | None = None  # speaker whose paraphrase is running
        for start, end in bounds if bounds is not None else sentence_splitter.split(text):
            sentence = text[start:end]
            match = self.cue.match(sentence)
            if match:
                name = match["name"]
                if name in ("他", "她"):
                    name = current or last_speaker
                if name:
                    current = name
                    found.append(Sentence(start, end, "reported", name, match["cue"],
                                          start + match.start("cue"), start + match.end("cue")))
                    continue
            others = [n for n in self._names_in(sentence) if n != current]
            if current and not (others and NARRATION_VERBS.search(sentence)):
                found.append(Sentence(start, end, "reported", current))
            else:
                current = None
                found.append(Sentence(start, end, "narration", None))
        return found


def speech(span: Span, seg_type: str, doc_type: str, author: str | None,
           rules: SpeechRules, previous: "Annotation | None") -> tuple[str, str | None, str, list[Sentence]]:
    """Speech mode, speaker, rule name and sentences of one paragraph."""
    bounds = sentence_splitter.split(span.text)
    if seg_type != "body":
        return "none", None, "not-body", [Sentence(s, e, "none", None) for s, e in bounds]
    if doc_type == "speech_text":
        # A published speech text is the speaker's own wording throughout.
        return "direct", author, "speech-text-author", [Sentence(s, e, "direct", author) for s, e in bounds]
    last = previous.speaker if previous else None
    found = rules.sentences(span.text, last, bounds)
    modes = {s.speech_mode for s in found}
    if modes == {"narration"} and previous and previous.speech_mode in ("reported", "mixed") \
            and last and MODAL_OPENING.match(span.text) and not rules._names_in(span.text):
        found = [Sentence(s.start, s.end, "reported", last) for s in found]
        return "reported", last, "reported-continuation", found
    speakers = [s.speaker for s in found if s.speaker]
    speaker = speakers[0] if speakers else None
    if modes == {"reported"}:
        return "reported", speaker, "reporting-cue", found
    if modes == {"narration"}:
        return "narration", None, "no-reporting-cue", found
    return "mixed", speaker, "narration-and-cue", found


def annotate(spans: list[Span], doc_type: str, speaker: str, names: list[str]) -> list[Annotation]:
    """Annotate the paragraphs of one document, in order."""
    rules = SpeechRules([speaker, *names])
    result: list[Annotation] = []
    author = speaker
    previous_type: str | None = None
    previous_body: Annotation | None = None
    for span in spans:
        seg, seg_rule = segment_type(span, previous_type)
        if seg == "byline":
            # The byline names the author of a signed text.
            author = span.text.strip()
        mode, who, speech_rule, sents = speech(span, seg, doc_type, author, rules, previous_body)
        note = Annotation(seg, mode, who, seg_rule, speech_rule, sentences=sents)
        if seg == "photo_caption":
            note.caption_date, note.photo_credit, note.photographers = caption_fields(span.text)
        result.append(note)
        previous_type = seg
        if seg == "body":
            previous_body = note
    return result
