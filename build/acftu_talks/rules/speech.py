"""Speech attribution in news reports, sentence by sentence.

A Xinhua readout narrates the event and paraphrases the leader: "习近平强调，
……。要……。要……。" Each sentence is ``reported`` (a paraphrase introduced by a
known person's name and a reporting verb, or continuing one), ``direct`` (a
quotation introduced by "说：“……”" or tagged "“……”习近平说。") or ``narration``.
Only people the sidecar names can be speakers: a cue after anything else
("会议强调，", "马克龙表示，") ends a running paraphrase but makes no speaker.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import sentences as sentence_splitter

# Verbs with which news reports introduce a speaker's words.
CUES = ("指出", "强调", "表示", "要求", "认为", "希望", "提出", "宣布", "谈到", "鼓励",
        "勉励", "寄语", "重申", "号召", "呼吁", "告诫", "提醒", "说")
_CUE = "|".join(sorted(CUES, key=len, reverse=True))
# Adverbs between a name and its cue: 习近平首先表示，习近平进一步指出，
_ADV = r"(?:首先|还|也|又|进一步|特别|最后|再次|同时|深刻|明确|郑重|充分|高度|亲切|一再|在讲话中)*"
# Between the name and the cue: a title (习近平总书记强调), adverbs, a setting
# (习近平在主持……集体学习时强调), an addressee (习近平对大家说).
_MID = (rf"(?:同志|总书记|主席)?{_ADV}(?:在[^，。！？：]{{1,45}}?(?:时|中|上|后|前|之际))?{_ADV}"
        rf"(?:对[^，。！？：的]{{1,20}}?)?{_ADV}")
# An opening adverbial ("会上，" "座谈会上，"), then titles before the name.
_LEAD = r"(?P<adverbial>[^，。！？：“”]{1,15}[，,])?(?P<lead>[^，。！？：“”]{0,40}?)"
# When the name is not the subject: 按照习近平总书记要求，正如……所说，这是……的希望，
_NOT_SUBJECT = re.compile(r"(?:按照|根据|遵照|依照|正如|如同|诚如|牢记|落实|贯彻|这是|是|对|向|给|把|将|为)$")
_PRONOUN = r"(?<!其)(?:他|她)(?![们人])"
# A cue whose subject is not a known person: it ends a running paraphrase.
# Its subject is a short name (马克龙) or a group of people (大家, 双方, 与会代表们);
# a longer subject is usually a clause with 要求 as a noun ("贯彻党中央要求，").
_OTHER_CUE = re.compile(
    r"^(?:[^，。！？：“”]{1,15}[，,])?"
    r"(?:[\u4e00-\u9fff·]{2,5}|[^，。！？：“”]{0,10}(?:们|大家|双方|各方|会议|与会者|代表|同志|人士))"
    rf"(?:纷纷|一致|都|也|还|均|首先|进一步)*(?:{_CUE})[，：:]")
# Openers after which the report is narrating again.
_NARRATION_OPENER = re.compile(r"^(?:随后|之后|此后|讲话结束后|会前|会后|会上|考察期间|离开[^，。]{0,10}时)[，,]?")
# A paraphrase never names its own speaker; these fixed phrases do not count.
_FIXED_PHRASES = re.compile(r"习近平(?:新时代|总书记重要|总书记关于|同志为核心|同志关于|(?:外交|经济|法治|生态文明|强军|文化)思想)")
# Verbs that narrate what people did at the event rather than what was said.
_NARRATION_VERBS = re.compile(r"参加|出席|主持|陪同|会见|汇报|作了发言|发言|考察|调研|视察|合影")
# A quotation that is the whole rest of a sentence after "说：".
_QUOTE_REST = re.compile(r"^\s*“.*”\s*[。！？]?$")
# Xinhua readouts sometimes continue a paraphrase in a new paragraph that
# opens with the modal of the leader's instructions.
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


class SpeechRules:
    """Attribution rules for one document, knowing the names it mentions."""

    @classmethod
    def for_names(cls, names: tuple[str, ...]) -> "SpeechRules":
        """Rules for these names. Compiling them takes tens of milliseconds,
        and sidecars list different people, so documents share patterns
        compiled for the names of many documents (see :class:`_Shared`)."""
        return _VOCABULARY.rules(names)

    @classmethod
    @lru_cache(maxsize=256)
    def exact(cls, names: tuple[str, ...]) -> "SpeechRules":
        """Rules compiled for exactly these names."""
        return cls(list(names))

    def __init__(self, names: list[str]):
        self.names = sorted({n for n in names if n}, key=len, reverse=True)
        who = "|".join(re.escape(n) for n in self.names)
        name_or_pronoun = f"(?:{who}|{_PRONOUN})" if who else _PRONOUN
        self.cue = re.compile(
            rf"^{_LEAD}(?P<name>{name_or_pronoun})(?P<mid>{_MID})(?<![的所])(?P<cue>{_CUE})(?P<sep>[，：:])")
        self.tagged = re.compile(
            rf"^“.*”(?P<name>{name_or_pronoun})(?P<mid>{_ADV})(?P<cue>{_CUE}|感慨道|笑着说)[。！]?$")
        self.subject = re.compile(rf"^{_LEAD}(?P<name>{who})") if who else None
        self.any_name = re.compile(who) if who else None

    def _speaker_match(self, sentence: str) -> re.Match | None:
        match = self.cue.match(sentence)
        if match and _NOT_SUBJECT.search((match["adverbial"] or "") + match["lead"]):
            return None
        return match

    def names_in(self, text: str) -> list[str]:
        return self.any_name.findall(text) if self.any_name else []

    def sentences(self, text: str, last_speaker: str | None,
                  bounds: list[tuple[int, int]] | None = None) -> list[Sentence]:
        """Attribute each sentence of a news-report paragraph (``bounds``:
        its sentences, if already split)."""
        found: list[Sentence] = []
        current: str | None = None  # speaker whose paraphrase is running
        antecedent = last_speaker  # who 他/她 refers to
        for start, end in bounds if bounds is not None else sentence_splitter.split(text):
            sentence = text[start:end]
            match, tagged = self._speaker_match(sentence), False
            if not match:
                match = self.tagged.match(sentence)
                tagged = match is not None
            if match:
                name = match["name"]
                if name not in self.names:  # a pronoun
                    name = antecedent
                if name:
                    quoted = tagged or (
                        match["sep"] in "：:" and _QUOTE_REST.match(sentence[match.end():]))
                    current = None if quoted else name
                    antecedent = name
                    found.append(Sentence(start, end, "direct" if quoted else "reported", name, match["cue"],
                                          start + match.start("cue"), start + match.end("cue")))
                    continue
            subject = self.subject.match(sentence) if self.subject else None
            if subject and not _NOT_SUBJECT.search((subject["adverbial"] or "") + subject["lead"]):
                antecedent = subject["name"]
            if current and self._continues(sentence, current):
                found.append(Sentence(start, end, "reported", current))
                continue
            current = None
            found.append(Sentence(start, end, "narration", None))
        return found

    def _continues(self, sentence: str, current: str) -> bool:
        """Whether a sentence without a cue goes on with ``current``'s paraphrase."""
        if _OTHER_CUE.match(sentence) or _NARRATION_OPENER.match(sentence):
            return False
        named = self.names_in(_FIXED_PHRASES.sub("", sentence))
        if current in named:
            return False  # the report names the speaker: it is narrating
        return not (named and _NARRATION_VERBS.search(sentence))


class _Foreign(Exception):
    """A shared pattern matched a name the document does not list."""


class _Checked:
    """A pattern compiled for many documents' names, used for one document:
    a match on a name that document does not list raises :class:`_Foreign`."""

    def __init__(self, pattern: re.Pattern, foreign: frozenset[str]):
        self.pattern, self.foreign = pattern, foreign

    def match(self, text: str) -> re.Match | None:
        found = self.pattern.match(text)
        if found is not None and found["name"] in self.foreign:
            raise _Foreign
        return found

    def findall(self, text: str) -> list[str]:
        found = self.pattern.findall(text)
        if self.foreign.intersection(found):
            raise _Foreign
        return found


class _Shared(SpeechRules):
    """One document's rules on patterns compiled for a superset of its names.

    The same answers as ``SpeechRules.exact(names)``: the names are literal
    alternatives, so a pattern over more names finds the same first match
    as one over fewer, unless it matches one of the extra names first; then
    the sentence or text is judged again by the exact rules (rare: a
    document's text names the people its sidecar lists).
    """

    def __init__(self, names: tuple[str, ...], wide: SpeechRules):
        self.key = names
        self.names = sorted({n for n in names if n}, key=len, reverse=True)
        foreign = frozenset(wide.names) - set(self.names)
        self.cue = _Checked(wide.cue, foreign)
        self.tagged = _Checked(wide.tagged, foreign)
        self.subject = _Checked(wide.subject, foreign)
        self.any_name = _Checked(wide.any_name, foreign)

    def sentences(self, text: str, last_speaker: str | None,
                  bounds: list[tuple[int, int]] | None = None) -> list[Sentence]:
        try:
            return super().sentences(text, last_speaker, bounds)
        except _Foreign:
            return SpeechRules.exact(self.key).sentences(text, last_speaker, bounds)

    def names_in(self, text: str) -> list[str]:
        try:
            return super().names_in(text)
        except _Foreign:
            return SpeechRules.exact(self.key).names_in(text)


class _Vocabulary:
    """The names the shared patterns are compiled for, in this process.

    A document that names someone new adds them and compiles the patterns
    again, which costs what compiling its own would; every later document
    whose people are all known compiles nothing. A corpus of N people thus
    compiles at most N times, usually a handful. Past MAX names the patterns
    get slow to compile and match, and the vocabulary stops growing: other
    documents get their own rules (cached).
    """

    MAX = 128

    def __init__(self):
        self.names: frozenset[str] = frozenset()
        self.wide: SpeechRules | None = None

    def rules(self, names: tuple[str, ...]) -> SpeechRules:
        wanted = {n for n in names if n}
        if not wanted:
            return SpeechRules.exact(names)
        if not wanted <= self.names:
            if len(self.names | wanted) > self.MAX:
                return SpeechRules.exact(names)
            self.names |= wanted
            self.wide = SpeechRules(sorted(self.names))
        return _Shared(names, self.wide)


_VOCABULARY = _Vocabulary()


def paragraph_mode(found: list[Sentence]) -> tuple[str, str | None, str]:
    """A paragraph's mode, speaker and rule from its sentences."""
    modes = {s.speech_mode for s in found}
    speakers = [s.speaker for s in found if s.speaker]
    speaker = speakers[0] if speakers else None
    if modes == {"narration"}:
        return "narration", None, "no-reporting-cue"
    if len(modes) == 1:
        mode = modes.pop()
        return mode, speaker, "quoted-speech" if mode == "direct" else "reporting-cue"
    return "mixed", speaker, "narration-and-cue" if modes == {"narration", "reported"} else "several-modes"
