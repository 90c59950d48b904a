"""Speech attribution in news reports, sentence by sentence.

A Xinhua readout narrates the event and paraphrases the leader: "习近平强调，
……。要……。要……。" Each sentence is ``reported`` (a paraphrase introduced by a
known person's name and a reporting verb, or continuing one), ``direct`` (a
quotation introduced by "说：“……”" or tagged "“……”习近平说。"), ``narration``,
or ``none`` (a stage direction or web boilerplate inside the text).
Only people the sidecar names (or their aliases, or a title the text gives
them) can be speakers: a cue after anything else ("会议强调，", "马克龙表示，")
ends a running paraphrase but makes no speaker.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from . import lexicon as L
from . import sentences as sentence_splitter
from .front_matter import BOILERPLATE, STAGE_DIRECTION, source_tag_end
from .registry import NoRuleDecided, register

_STOPS = "，。！？：“”"
_CUE = L.REPORTING_VERBS.pattern()
_ADV = rf"(?:{L.ADVERBS.pattern()})*"
_TITLE_AFTER = rf"(?:{L.TITLES_AFTER_NAME.pattern()})?"
# Between the name and the cue: a title (习近平总书记强调), adverbs, a setting
# (习近平在主持……集体学习时强调), an addressee (习近平对大家说).
_MID = (rf"{_TITLE_AFTER}{_ADV}(?:在[^，。！？：]{{1,45}}?(?:时|中|上|后|前|之际))?{_ADV}"
        rf"(?:对[^，。！？：的]{{1,20}}?)?{_ADV}")
# An opening adverbial ("会上，" "座谈会上，"), then titles before the name.
_LEAD = rf"(?P<adverbial>[^{_STOPS}]{{1,15}}[{L.COMMAS}])?(?P<lead>[^{_STOPS}]{{0,40}}?)"
_NOT_SUBJECT = re.compile(rf"(?:{L.NOT_SUBJECT.pattern()})$")
_PRONOUN = rf"(?<!其)(?:{L.PRONOUNS.pattern()})(?![们人])"
# A cue whose subject is not a known person: it ends a running paraphrase.
# Its subject is a short name (马克龙) or a group of people (大家, 双方, 与会代表们);
# a longer subject is usually a clause with 要求 as a noun ("贯彻党中央要求，").
_OTHER_CUE = re.compile(
    rf"^(?:[^{_STOPS}]{{1,15}}[{L.COMMAS}])?"
    rf"(?:{L.PERSON_NAME}|[^{_STOPS}]{{0,10}}(?:{L.GROUP_SUBJECTS.pattern()}))"
    rf"(?:{L.GROUP_ADVERBS.pattern()})*(?:{_CUE})[，：:]")
_NARRATION_OPENER = re.compile(rf"^(?:{L.NARRATION_OPENERS.pattern()}|离开[^，。]{{0,10}}时)[，,]?")
_NARRATION_VERBS = re.compile(L.NARRATION_VERBS.pattern())
# A quotation that is the whole rest of a sentence after "说：".
_QUOTE_REST = re.compile(r"^\s*“(?P<quote>.*)”\s*[。！？]?$")
# Xinhua readouts sometimes continue a paraphrase in a new paragraph that
# opens with the modal of the leader's instructions.
MODAL_OPENING = re.compile(rf"^(?:{L.MODALS.pattern()})")
# A cue with no comma after it must not be followed by a particle that makes
# it a noun phrase or past event: 习近平提出的要求, 习近平表示了祝贺.
_NO_COMMA_AFTER = "的了过着得"
_SPEECH_ACT = (rf"(?:(?:{L.ON_BEHALF.pattern()})[^{_STOPS}]{{1,30}}?[{L.COMMAS}]?)?"
               rf"(?:{L.ADDRESSEE_MARKERS.pattern()})[^。！？]*?(?P<cue>{L.SPEECH_ACT_VERBS.pattern()})"
               rf"[^，。！？]{{0,8}}?(?:{L.SPEECH_ACT_OBJECTS.pattern()})")
_TERMINAL_TAIL = re.compile(rf"[{re.escape(L.TERMINALS)}{re.escape(L.CLOSERS)}…]+$")
_TAIL = frozenset(L.TERMINALS + L.CLOSERS + "…")  # its characters

_R = "习近平强调，我国工运事业是党的事业的重要组成部分。"
CUE_NAME = register(
    "cue-after-name", 1, "sentence", "speech_mode=reported, speaker",
    "a known person's name as subject, then optional titles, adverbs or a setting, a reporting verb and ，/：",
    examples=[(_R, None, {"speech_mode": "reported", "speaker": "习近平", "cue": "强调", "source": "习近平"}),
              ("会上，习近平在主持集体学习时强调，要坚持党的领导。", None,
               {"speech_mode": "reported", "speaker": "习近平", "cue": "强调"}),
              ("中共中央总书记、国家主席习近平首先表示，大会胜利闭幕了。", None,
               {"speech_mode": "reported", "speaker": "习近平", "cue": "表示"})],
    counter_examples=[("马克龙表示，法方愿同中方合作。", None, {"speech_mode": "narration", "speaker": None}),
                      ("习近平提出的要求，我们要落实。", None, {"speech_mode": "narration"})])
CUE_PRONOUN = register(
    "cue-after-pronoun", 1, "sentence", "speech_mode=reported, speaker",
    "他/她 (not 他们, 其他) with a reporting verb: the person last named as subject",
    examples=[("中共中央总书记习近平23日下午在中南海集体谈话。他强调，要坚持党的领导。", "他强调",
               {"speech_mode": "reported", "speaker": "习近平", "source": "他"})],
    counter_examples=[("他们表示，要牢记嘱托。", None, {"speech_mode": "narration", "speaker": None})])
CUE_TITLE = register(
    "cue-after-title", 1, "sentence", "speech_mode=reported, speaker",
    "a title alone (总书记指出，) with a reporting verb, when the text names who holds the title",
    examples=[("中共中央总书记、国家主席习近平23日在中南海集体谈话。会上，总书记指出，要团结奋斗。", "总书记指出",
               {"speech_mode": "reported", "speaker": "习近平", "source": "总书记"})],
    counter_examples=[("会上，总书记指出，要团结奋斗。", None, {"speech_mode": "narration", "speaker": None})])
TITLE_HOLDER = register(
    "title-holder", 1, "sentence", "speaker",
    "a title names the person the text gives it to (中共中央总书记、国家主席习近平, 习近平总书记); "
    "a title two people hold in the text names no one",
    examples=[("习近平总书记来到车间。总书记强调，要弘扬劳模精神。", "总书记强调",
               {"speech_mode": "reported", "speaker": "习近平"}),
              ("国务院总理李强、国务院副总理丁薛祥出席。总理强调，要稳住经济。", "总理强调",
               {"speech_mode": "reported", "speaker": "李强"}, ("李强", "丁薛祥"))],
    counter_examples=[
                      ("国家主席习近平会见代表。全国总工会副主席徐留平、李玉赋作了发言。", "徐留平",
                       {"speech_mode": "narration", "speaker": None}, ("习近平", "徐留平", "李玉赋")),
                      ("中央军委主席习近平、全国总工会主席王东明出席。主席强调，要团结。", "主席强调",
                       {"speech_mode": "narration", "speaker": None}, ("习近平", "王东明"))])
CUE_NO_COMMA = register(
    "cue-without-comma", 1, "sentence", "speech_mode=reported, speaker",
    "a known person and a reporting verb followed directly by the paraphrase, not by 的/了/过/着",
    examples=[("习近平最后指出当前工会工作面临新的形势和任务。", None,
               {"speech_mode": "reported", "speaker": "习近平", "cue": "指出"}),
              ("习近平希望他们再接再厉，再创佳绩。", None, {"speech_mode": "reported", "speaker": "习近平"})],
    counter_examples=[("习近平提出了新的要求。", None, {"speech_mode": "narration"}),
                      ("习近平说明了情况。", None, {"speech_mode": "narration"})])
SPEECH_ACT = register(
    "speech-act", 1, "sentence", "speech_mode=reported, speaker",
    "a known person (or 他/她) conveying congratulations, thanks or greetings (代表……，对……表示祝贺，"
    "向……致以问候): the act is the speaker's words",
    examples=[("习近平代表党中央，对大会成功召开表示热烈祝贺。", None,
               {"speech_mode": "reported", "speaker": "习近平", "cue": "表示"}),
              ("习近平发表讲话。他首先代表党中央，对大会取得成功表示祝贺，向全国各族职工群众致以诚挚的问候。",
               "他首先", {"speech_mode": "reported", "speaker": "习近平", "cue": "表示", "source": "他"}),
              ("习近平向全国广大劳动群众致以节日的问候。", None, {"speech_mode": "reported", "speaker": "习近平"})],
    counter_examples=[("王东明代表新一届领导班子汇报了工作。", None, {"speech_mode": "narration"}, ("王东明",)),
                      ("大会向习近平总书记致以崇高的敬意。", None, {"speech_mode": "narration", "speaker": None})])
QUOTE_COLON = register(
    "quotation-after-colon", 1, "sentence", "speech_mode=direct",
    "the verb is followed by ： and a quotation that fills the rest of the sentence",
    examples=[("习近平说：“我们要一起向未来。”", None, {"speech_mode": "direct", "speaker": "习近平"})],
    counter_examples=[("习近平强调，要增强“四个意识”。", None, {"speech_mode": "reported"})])
QUOTE_TAGGED = register(
    "tagged-quotation", 1, "sentence", "speech_mode=direct",
    "a quotation tagged after it closes: “……。”习近平说。",
    examples=[("“幸福都是奋斗出来的。”习近平说。", None, {"speech_mode": "direct", "speaker": "习近平"}),
              ("“你们是好样的！”习近平笑着说。", None, {"speech_mode": "direct", "speaker": "习近平"})],
    counter_examples=[("“四个意识”是党的要求。", None, {"speech_mode": "narration"})])
NOT_SUBJECT = register(
    "name-not-subject", 1, "sentence", "speech_mode=narration",
    "a name after 按照, 正如, 这是 and the like is not the subject of the verb after it",
    examples=[("正如习近平总书记指出，实干才能梦想成真。", None, {"speech_mode": "narration", "speaker": None}),
              ("按照习近平总书记要求，各地加强工作。", None, {"speech_mode": "narration"})],
    counter_examples=[("习近平总书记强调，幸福是奋斗出来的。", None, {"speech_mode": "reported"})])
SUBJECT = register(
    "subject-antecedent", 1, "sentence", "speaker (who 他/她 refer to)",
    "a known person named as a sentence's subject is who a later 他/她 refers to",
    examples=[("习近平23日上午考察。王沪宁陪同。他强调，要团结奋斗。", "他强调",
               {"speech_mode": "reported", "speaker": "王沪宁"}, ("习近平", "王沪宁"))],
    counter_examples=[("会议强调，要团结。他指出，要奋斗。", "他指出", {"speech_mode": "narration", "speaker": None})])
SOURCE_TAG = register(
    "source-tag-skipped", 1, "sentence", "speaker (who 他/她 refer to)",
    "a source tag opening the lead (央视网消息（新闻联播）：, 新华社北京10月23日电, 本报北京10月23日讯) "
    "is passed over: the lead's subject is who a later 他/她 refers to",
    examples=[("央视网消息（新闻联播）：国家主席习近平23日下午在中南海集体谈话。他强调，要团结奋斗。", "他强调",
               {"speech_mode": "reported", "speaker": "习近平"}),
              ("新华社北京10月23日电（记者张三）国家主席习近平23日下午会见代表。他表示，要团结奋斗。", "他表示",
               {"speech_mode": "reported", "speaker": "习近平"}),
              ("人民网北京10月23日电 国家主席习近平23日在中南海会见代表。他指出，要团结。", "他指出",
               {"speech_mode": "reported", "speaker": "习近平"}),
              ("本报北京10月23日讯 国家主席习近平23日在中南海会见代表。他指出，要团结。", "他指出",
               {"speech_mode": "reported", "speaker": "习近平"})],
    counter_examples=[("记者从全国总工会获悉：国家主席习近平23日会见代表。他指出，要团结。", "他指出",
                       {"speech_mode": "narration", "speaker": None})])
PREVIOUS = register(
    "antecedent-from-previous-paragraph", 1, "sentence", "speaker (who 他/她 refer to)",
    "at the start of a paragraph, 他/她 refer to the previous paragraph's speaker",
    examples=[("习近平强调，要坚持党的领导。\n他指出，要深化改革。", "他指出",
               {"speech_mode": "reported", "speaker": "习近平"})],
    counter_examples=[("会议强调，要坚持党的领导。\n他指出，要深化改革。", "他指出",
                       {"speech_mode": "narration", "speaker": None})])
CONTINUES = register(
    "paraphrase-continues", 1, "sentence", "speech_mode=reported, speaker",
    "a sentence without a cue after a reported one goes on with the paraphrase (习近平强调，……。要……。)",
    examples=[(_R + "要坚持党对工会工作的领导。", "要坚持", {"speech_mode": "reported", "speaker": "习近平"})],
    counter_examples=[("中共中央政治局常委王沪宁参加谈话。要坚持党的领导。", "要坚持",
                       {"speech_mode": "narration"}, ("习近平", "王沪宁"))])
OTHER_CUE = register(
    "other-speaker-cue", 1, "sentence", "speech_mode=narration",
    "a cue of someone the sidecar does not know (马克龙表示，, 大家纷纷表示，) ends a paraphrase",
    examples=[(_R + "大家纷纷表示，要牢记嘱托。", "大家", {"speech_mode": "narration", "speaker": None}),
              (_R + "马克龙表示，法方愿意合作。", "马克龙", {"speech_mode": "narration"})],
    counter_examples=[(_R + "要贯彻党中央要求，做好工作。", "要贯彻", {"speech_mode": "reported"})])
OPENER = register(
    "narration-opener", 1, "sentence", "speech_mode=narration",
    "a sentence opening with 随后, 讲话结束后, 会上 and the like narrates again",
    examples=[(_R + "随后，大家参观了展览。", "随后", {"speech_mode": "narration"}),
              (_R + "讲话结束后，全场响起热烈掌声。", "讲话结束后", {"speech_mode": "narration"}),
              (_R + "会上，大家深受鼓舞。", "会上", {"speech_mode": "narration"})],
    counter_examples=[(_R + "要随时听取职工意见。", "随时", {"speech_mode": "reported"})])
NAMED_AGAIN = register(
    "speaker-named-again", 1, "sentence", "speech_mode=narration",
    "a paraphrase does not name its speaker in the third person: a sentence that does narrates",
    examples=[(_R + "习近平同大家合影留念。", "合影", {"speech_mode": "narration"})],
    counter_examples=[(_R + "要深入学习贯彻习近平新时代中国特色社会主义思想。", "学习贯彻",
                       {"speech_mode": "reported"})])
FIXED = register(
    "fixed-phrase-not-a-mention", 1, "sentence", "speech_mode=reported",
    "a fixed phrase built on the speaker's name (习近平新时代中国特色社会主义思想, 以习近平同志为核心的党中央) "
    "is not a mention of him",
    examples=[(_R + "要深入学习贯彻习近平新时代中国特色社会主义思想。", "学习贯彻",
               {"speech_mode": "reported", "speaker": "习近平"}),
              (_R + "要更加紧密地团结在以习近平同志为核心的党中央周围。", "紧密",
               {"speech_mode": "reported", "speaker": "习近平"})],
    counter_examples=[(_R + "习近平同志来到工人中间。", "来到", {"speech_mode": "narration"})])
OTHER_ACTS = register(
    "other-person-acts", 1, "sentence", "speech_mode=narration",
    "a sentence naming another known person with a verb of action (参加, 出席, 汇报, 发言 ...) narrates",
    examples=[(_R + "王沪宁参加集体谈话。", "王沪宁", {"speech_mode": "narration"}, ("习近平", "王沪宁"))],
    counter_examples=[(_R + "要学习王进喜等劳模的精神。", "王进喜", {"speech_mode": "reported"},
                       ("习近平", "王进喜"))])
NOT_SPEECH = register(
    "not-speech-in-text", 1, "sentence", "speech_mode=none",
    "a stage direction （掌声） or web boilerplate （完） inside a paragraph is nobody's speech; "
    "a paraphrase goes on after it",
    examples=[(_R + "（掌声）", "掌声", {"speech_mode": "none", "speaker": None}),
              ("我们的目标一定能够实现！（热烈掌声）", "热烈", {"speech_mode": "none"}),
              (_R + "（完）", "完", {"speech_mode": "none"})],
    counter_examples=[("讲话结束后，全场响起热烈掌声。", None, {"speech_mode": "narration"})])
NARRATION = register(
    "narration-default", 1, "sentence", "speech_mode=narration",
    "any other sentence of a report: no one's speech",
    examples=[("中共中央政治局常委、中央书记处书记王沪宁参加集体谈话。", None, {"speech_mode": "narration"},
               ("习近平", "王沪宁"))],
    counter_examples=[(_R, None, {"speech_mode": "reported"})])


@dataclass
class Sentence:
    start: int  # offsets into the paragraph text
    end: int
    speech_mode: str
    speaker: str | None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    rules: tuple[str, ...] = ()  # the rules that decided it, deciding rule first
    source_start: int | None = None  # the mention of the speaker (name, pronoun, title)
    source_end: int | None = None
    content_start: int | None = None  # the words attributed to the speaker
    content_end: int | None = None


def content_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without the closing stop and white space."""
    if end > start and text[end - 1] != "\n":
        # _TERMINAL_TAIL's match, found from the end: a search from the start
        # costs a call per sentence of every document
        cut = end
        while cut > start and text[cut - 1] in _TAIL:
            cut -= 1
        if cut > start:
            end = cut
    else:  # $ also matches before a final \n
        tail = _TERMINAL_TAIL.search(text, start, end)
        if tail and tail.start() > start:
            end = tail.start()
    while end > start and text[end - 1] in L.SPACES:
        end -= 1
    return start, end


def _alternation(names: list[str], titles: set[str]) -> str:
    """``names`` as one alternation in their order, a title only where no Han
    character precedes it (not inside 中共中央总书记 or 副主席).

    The titles share one lookbehind: each Han class costs about a millisecond
    to compile, and the rules compile six patterns for every vocabulary.
    Grouping moves a title ahead of the names between it and the first title;
    two literal alternatives can match at one place only if one begins the
    other, so where no title begins a name it jumps, or is begun by one, the
    pattern matches exactly as with a lookbehind before each title (else it
    gets one each)."""
    first = next((i for i, n in enumerate(names) if n in titles), None)
    if first is None:
        return "|".join(re.escape(n) for n in names)
    jumped: list[str] = []
    for name in names[first:]:
        if name not in titles:
            jumped.append(name)
        elif any(n.startswith(name) or name.startswith(n) for n in jumped):
            return "|".join(rf"(?<![{L.HAN}]){re.escape(n)}" if n in titles else re.escape(n) for n in names)
    grouped = "|".join(re.escape(n) for n in names if n in titles)
    return "|".join([re.escape(n) for n in names[:first]] + [rf"(?<![{L.HAN}])(?:{grouped})"]
                    + [re.escape(n) for n in names[first:] if n not in titles])


class _Compiled:
    """A pattern of :class:`SpeechRules`, compiled the first time it is used
    (then kept on the instance): a speech text's rules are never asked, and
    each pattern of a vocabulary costs milliseconds to compile. Rules that
    share another's patterns (``_wide``) use, and compile, that one's."""

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, rules, owner=None):
        if rules is None:
            return self
        wide = rules.__dict__.get("_wide")
        if wide is not None:
            pattern = getattr(wide, self.name)
        else:
            source = rules._sources[self.name]
            pattern = re.compile(source) if source is not None else None
        rules.__dict__[self.name] = pattern  # shadows this descriptor from now on
        return pattern


class SpeechRules:
    """Attribution rules for one document, knowing the names it mentions.

    ``aliases`` maps other surface forms to canonical names: aliases from a
    people registry (习总书记 -> 习近平) and titles whose holder the text
    names (总书记 -> 习近平).
    """

    @classmethod
    def for_names(cls, names: tuple[str, ...], aliases: tuple[tuple[str, str], ...] = ()) -> "SpeechRules":
        """Rules for these names. Sidecars list different people, so the
        patterns are compiled for the names of many documents at once
        (:class:`_Shared`); ``for_names.cache_clear()`` forgets them."""
        return _VOCABULARY.rules(names, aliases)

    @classmethod
    @lru_cache(maxsize=256)
    def exact(cls, names: tuple[str, ...], aliases: tuple[tuple[str, str], ...] = ()) -> "SpeechRules":
        """Rules compiled for exactly these names and aliases."""
        return cls(list(names), dict(aliases))

    def __init__(self, names: list[str], aliases: dict[str, str] | None = None):
        self._names(names, aliases)
        # a title alone is a mention only where it starts a phrase (会上，总书记强调),
        # not inside a longer title (中共中央总书记, 副主席)
        who = _alternation(self.names, self.titles)
        pronoun = [_PRONOUN] if CUE_PRONOUN.enabled else []
        name_or_pronoun = "|".join(([who] if who else []) + pronoun) or "(?!)"
        name_or_pronoun = f"(?:{name_or_pronoun})"
        fixed = rf"(?:{who})(?:{L.FIXED_PHRASE_SUFFIXES.pattern()})" if who else None
        self._sources = {
            "cue": rf"^{_LEAD}(?P<name>{name_or_pronoun})(?P<mid>{_MID})(?<![的所])(?P<cue>{_CUE})"
                   rf"(?:(?P<sep>[，：:])|(?=[^{_NO_COMMA_AFTER}{_STOPS}]))",
            "tagged": rf"^“.*”(?P<name>{name_or_pronoun})(?P<mid>{_ADV})(?P<cue>{L.TAG_VERBS.pattern()})[。！]?$",
            "act": rf"^{_LEAD}(?P<name>{name_or_pronoun})(?P<mid>{_TITLE_AFTER}{_ADV}){_SPEECH_ACT}",
            "subject": rf"^{_LEAD}(?P<name>{who})" if who else None,
            "fixed": fixed if fixed and FIXED.enabled else None,
            "any_name": who or None,
            # Every pattern above holds a name, title or pronoun, spelled
            # out: where none of them is in a sentence, none matches. ``re``
            # finds plain words fast, but tries each of the patterns (groups
            # and lookbehinds first) at every position it is asked to.
            "mention": "|".join([re.escape(n) for n in self.names]
                                + ([L.PRONOUNS.pattern()] if CUE_PRONOUN.enabled else [])) or None,
        }

    cue = _Compiled()
    tagged = _Compiled()
    act = _Compiled()
    subject = _Compiled()
    fixed = _Compiled()
    any_name = _Compiled()
    mention = _Compiled()

    def _names(self, names: list[str], aliases: dict[str, str] | None) -> None:
        self.canonical = {n: n for n in names if n}
        for surface, name in (aliases or {}).items():
            if surface and name:
                self.canonical.setdefault(surface, name)
        titles = set(L.TITLES.words)  # built once here, not once per surface form
        self.titles = {s for s in self.canonical if s in titles and s not in names}
        if not CUE_TITLE.enabled:
            for title in self.titles:
                del self.canonical[title]
            self.titles = set()
        self.names = sorted(self.canonical, key=len, reverse=True)

    def _not_subject(self, match: re.Match) -> bool:
        return NOT_SUBJECT.enabled and bool(_NOT_SUBJECT.search((match["adverbial"] or "") + match["lead"]))

    def _speaker_match(self, sentence: str) -> tuple[re.Match | None, str | None]:
        match = self.cue.match(sentence)
        if match and self._not_subject(match):
            return None, NOT_SUBJECT.name
        if match and match["sep"] is None and (not CUE_NO_COMMA.enabled or match["cue"] == "说"):
            match = None
        if match:
            return match, None
        if SPEECH_ACT.enabled:
            act = self.act.match(sentence)
            if act and not self._not_subject(act):
                return act, None
        return None, None

    def _made(self, match: re.Match, pattern: str) -> bool:
        """Whether ``pattern`` (cue, tagged, act) made ``match``, without
        compiling a pattern that was never used (and so made nothing)."""
        return match.re is self.__dict__.get(pattern)

    def names_in(self, text: str) -> list[str]:
        """The canonical names of the known people ``text`` mentions."""
        first = self.mention.search(text) if self.any_name else None
        if first is None:
            return []
        # none starts before the first mention; the titles' lookbehind still sees the text before it
        return [self.canonical[m] for m in self.any_name.findall(text, first.start())]

    def sentences(self, text: str, last_speaker: str | None,
                  bounds: list[tuple[int, int]] | None = None) -> list[Sentence]:
        """Attribute each sentence of a news-report paragraph (``bounds``:
        its sentences, if already split)."""
        found: list[Sentence] = []
        current: str | None = None  # speaker whose paraphrase is running
        # who 他/她 refer to, and the rules that made them so
        antecedent = (last_speaker, (PREVIOUS.name,)) if last_speaker and PREVIOUS.enabled else (None, ())
        for index, (start, end) in enumerate(bounds if bounds is not None else sentence_splitter.split(text)):
            skip = source_tag_end(text[start:end]) if index == 0 and SOURCE_TAG.enabled else 0
            offset = start + skip
            sentence = text[offset:end]
            tag_rules = (SOURCE_TAG.name,) if skip else ()
            if NOT_SPEECH.enabled and (STAGE_DIRECTION.fullmatch(sentence) or BOILERPLATE.match(sentence)):
                found.append(Sentence(start, end, "none", None, rules=(NOT_SPEECH.name,)))
                continue  # a paraphrase goes on after applause
            mentioned = self.mention is not None and self.mention.search(sentence) is not None
            match, why_not = self._speaker_match(sentence) if mentioned else (None, None)
            if match is None and why_not is None and QUOTE_TAGGED.enabled and mentioned and sentence.startswith("“"):
                match = self.tagged.match(sentence)  # ^“: a sentence opening otherwise is not asked
            if match:
                surface = match["name"]
                rules: tuple[str, ...]
                if surface in self.canonical:
                    name = self.canonical[surface]
                    rules = (CUE_TITLE.name, TITLE_HOLDER.name) if surface in self.titles else (CUE_NAME.name,)
                else:  # a pronoun
                    name, why = antecedent
                    rules = (CUE_PRONOUN.name, *why)
                if rules == (CUE_NAME.name,) and self._made(match, "cue") and not CUE_NAME.enabled:
                    name = None
                if name:
                    quoted = self._made(match, "tagged") or (QUOTE_COLON.enabled and
                        self._made(match, "cue") and match["sep"] and match["sep"] in "：:"
                        and _QUOTE_REST.match(sentence[match.end():]))
                    if self._made(match, "tagged"):
                        rules = (QUOTE_TAGGED.name, *rules)
                        close = sentence.rindex("”", 0, match.start("name"))
                        content = (offset + 1, offset + close)
                    elif quoted:
                        rules = (QUOTE_COLON.name, *rules)
                        quote = _QUOTE_REST.match(sentence[match.end():])
                        content = (offset + match.end() + quote.start("quote"), offset + match.end() + quote.end("quote"))
                    elif self._made(match, "act"):
                        rules = (SPEECH_ACT.name, *rules)
                        content = content_bounds(text, offset + match.end("mid"), end)
                    else:
                        if match["sep"] is None:
                            rules = (CUE_NO_COMMA.name, *rules)
                        content = content_bounds(text, offset + match.end(), end)
                    current = None if quoted else name
                    antecedent = (name, ())
                    found.append(Sentence(start, end, "direct" if quoted else "reported", name, match["cue"],
                                          offset + match.start("cue"), offset + match.end("cue"),
                                          rules + tag_rules,
                                          offset + match.start("name"), offset + match.end("name"),
                                          *content))
                    continue
            subject = self.subject.match(sentence) if mentioned and self.subject and SUBJECT.enabled else None
            if subject and not self._not_subject(subject):
                antecedent = (self.canonical[subject["name"]], (SUBJECT.name, *tag_rules))
            if current and CONTINUES.enabled:
                stop = self._stops(sentence, current, mentioned)
                if stop is None or stop == FIXED.name:
                    why = (CONTINUES.name,) + ((FIXED.name,) if stop else ())
                    found.append(Sentence(start, end, "reported", current, rules=why,
                                          content_start=content_bounds(text, start, end)[0],
                                          content_end=content_bounds(text, start, end)[1]))
                    continue
                rules = (stop,)
            else:
                rules = ()
            current = None
            if why_not:
                rules = (why_not, *rules)
            if not rules and not NARRATION.enabled:
                raise NoRuleDecided(f"no rule decided the sentence {sentence[:20]!r}")
            found.append(Sentence(start, end, "narration", None, rules=rules or (NARRATION.name,)))
        return found

    def _stops(self, sentence: str, current: str, mentioned: bool = True) -> str | None:
        """The rule that ends ``current``'s paraphrase at ``sentence``, if
        any; FIXED's name when only a fixed phrase names the speaker (it
        goes on). Not ``mentioned``: the sentence holds no known name."""
        if OTHER_CUE.enabled and _OTHER_CUE.match(sentence):
            return OTHER_CUE.name
        if OPENER.enabled and _NARRATION_OPENER.match(sentence):
            return OPENER.name
        if not mentioned:
            return None  # no name, so no fixed phrase built on one either
        stripped = self.fixed.sub("", sentence) if self.fixed else sentence
        named = self.names_in(stripped)
        if NAMED_AGAIN.enabled and current in named:
            return NAMED_AGAIN.name  # the report names the speaker: it is narrating
        if OTHER_ACTS.enabled and named and _NARRATION_VERBS.search(sentence):
            return OTHER_ACTS.name
        if stripped != sentence and current in self.names_in(sentence):
            return FIXED.name
        return None


def _title_patterns(known: tuple[str, ...]) -> list[tuple[str, str]]:
    """For each title: the title, then further titles joined by 、, then one
    of the ``known`` names; or the name then the title. Sources, compiled
    when a text holds the title (``re`` caches them)."""
    who = "|".join(re.escape(n) for n in sorted(known, key=len, reverse=True))
    deputy = "".join(rf"(?<!{re.escape(p)})" for p in L.DEPUTY_PREFIXES.words)
    patterns = []
    for title in L.TITLES.words:
        t = re.escape(title)
        patterns.append((title, rf"{deputy}{t}(?:、[{L.HAN}]{{2,12}}?)*(?P<a>{who})|(?P<b>{who})(?:同志)?{t}"))
    return patterns


def title_holders(text: str, names: list[str]) -> dict[str, str]:
    """Titles the text gives to exactly one known person: "中共中央总书记、
    国家主席习近平" or "习近平总书记" make 总书记 stand for 习近平."""
    if not TITLE_HOLDER.enabled:
        return {}
    holders: dict[str, set[str]] = {}
    known = {n for n in names if n}
    if not known:
        return {}
    # The shared patterns find what the document's own would wherever the
    # text holds none of the other names (see _Shared).
    shared = _VOCABULARY.title_patterns(known)
    if shared is not None and not _VOCABULARY.foreign_in(text, known):
        patterns, spelled = shared, _VOCABULARY.title_names
    else:
        patterns, spelled = _title_patterns(tuple(sorted(known))), known
    reach = max(map(len, spelled)) + len("同志")
    for title, pattern in patterns:
        if title not in text:  # both branches spell the title: no match, and no pattern to compile
            continue
        for match in _title_matches(re.compile(pattern), text, title, reach):
            holders.setdefault(title, set()).add(match["a"] or match["b"])
    return {title: people.pop() for title, people in holders.items() if len(people) == 1}


def _title_matches(pattern: re.Pattern, text: str, title: str, reach: int) -> Iterator[re.Match]:
    """``pattern.finditer(text)`` for a title's pattern, trying it only where
    a match can start: at the title (the title, then the name) or at most
    ``reach`` characters before it (a name and 同志, then the title). Scanning
    every position of the text cost a fifth of annotating it. The starts
    are tried in order and after the last match, as ``finditer`` does, and a
    match's lookbehinds (副主席) see the text before its start."""
    pos = 0  # no match starts before this: the end of the last match, or past the starts tried
    at = text.find(title)
    while at != -1:
        for start in range(max(at - reach, pos), at + 1):
            match = pattern.match(text, start)
            if match:
                yield match
                pos = match.end()  # past ``at``: every match holds the title
                break
        else:
            pos = max(pos, at + 1)
        at = text.find(title, at + 1)


NOT_BODY = register(
    "not-body", 1, "paragraph", "speech_mode=none",
    "a paragraph that is not body text (title, byline, dateline, heading, caption, note, stage direction, "
    "boilerplate) is nobody's speech",
    examples=[("习近平在同全总新一届领导班子成员集体谈话时强调\n习近平强调，要团结。", "集体谈话时",
               {"speech_mode": "none", "speaker": None})],
    counter_examples=[("标题\n习近平强调，要团结。", "团结", {"speech_mode": "reported"})])
AUTHOR = register(
    "speech-text-author", 1, "paragraph", "speech_mode=direct, speaker",
    "in a speaker's own speech text every body sentence is his, the byline's author (or the sidecar's speaker)",
    examples=[("组织动员亿万职工积极投身强国建设\n习近平\n我们要团结奋斗。这里，我再强调几点。", "我们要",
               {"speech_mode": "direct", "speaker": "习近平"}, ("习近平",), "speech_text")],
    counter_examples=[("组织动员亿万职工积极投身强国建设\n我们要团结奋斗。", "我们要",
                       {"speech_mode": "narration"})])
CONTINUATION = register(
    "reported-continuation", 1, "paragraph", "speech_mode=reported, speaker",
    "a paragraph with no cue right after reported speech that opens with the modal of an instruction "
    "(要, 必须, 应当 ...) continues the paraphrase",
    examples=[("习近平强调，要坚持党的领导。\n要团结动员亿万职工积极建功新时代。", "团结动员",
               {"speech_mode": "reported", "speaker": "习近平"})],
    counter_examples=[("王沪宁参加集体谈话。\n要团结动员亿万职工积极建功新时代。", "团结动员",
                       {"speech_mode": "narration"}, ("习近平", "王沪宁")),
                      ("习近平强调，要坚持党的领导。\n随后，王沪宁参加座谈。", "随后",
                       {"speech_mode": "narration"}, ("习近平", "王沪宁"))])


PARAGRAPH_CUE = register(
    "reporting-cue", 1, "paragraph", "speech_mode=reported",
    "every sentence of the paragraph is reported speech",
    examples=[("习近平强调，要坚持党的领导。要完善制度。", None, {"speech_mode": "reported", "speaker": "习近平"})],
    counter_examples=[("王沪宁参加集体谈话。", None, {"speech_mode": "narration"}, ("习近平", "王沪宁"))])
PARAGRAPH_QUOTED = register(
    "quoted-speech", 1, "paragraph", "speech_mode=direct",
    "every sentence of the paragraph is a quotation",
    examples=[("习近平说：“我们要一起向未来。”", None, {"speech_mode": "direct", "speaker": "习近平"})],
    counter_examples=[(_R, None, {"speech_mode": "reported"})])
PARAGRAPH_NONE = register(
    "no-reporting-cue", 1, "paragraph", "speech_mode=narration",
    "no sentence of the paragraph is anyone's speech",
    examples=[("丁薛祥、杨晓渡参加集体谈话。", None, {"speech_mode": "narration", "speaker": None})],
    counter_examples=[(_R, None, {"speech_mode": "reported"})])
PARAGRAPH_MIXED = register(
    "narration-and-cue", 1, "paragraph", "speech_mode=mixed",
    "narration and reported speech in one paragraph (the lead: who met whom, then 习近平强调，……)",
    examples=[("中共中央总书记、国家主席习近平29日上午在中南海集体谈话。" + _R, None,
               {"speech_mode": "mixed", "speaker": "习近平", "annotation_rule": "body-default/narration-and-cue"})],
    counter_examples=[(_R, None, {"speech_mode": "reported"})])
PARAGRAPH_SEVERAL = register(
    "several-modes", 1, "paragraph", "speech_mode=mixed",
    "a paragraph with a quotation and other modes",
    examples=[("习近平来到车间。习近平说：“大家辛苦了！”", None,
               {"speech_mode": "mixed", "speaker": "习近平", "annotation_rule": "body-default/several-modes"})],
    counter_examples=[("中共中央总书记习近平29日在中南海集体谈话。" + _R, None, {"speech_mode": "mixed"})])


class _Shared(SpeechRules):
    """One document's rules on patterns compiled for the names and aliases of
    many documents (a superset of its own).

    The patterns differ from the document's own only by alternatives that
    spell other people's names (literal strings, in the same form: no name
    is spelled like a title): on a text that holds none of those strings they
    take the same steps and find the same matches. A text that holds one is
    handed to the document's own rules (compiled then, and cached).
    """

    def __init__(self, names: tuple[str, ...], aliases: tuple[tuple[str, str], ...], wide: SpeechRules):
        self._wide = wide  # whose patterns it uses
        self._names(list(names), dict(aliases))
        self.key = (names, aliases)
        self.foreign = tuple(sorted(set(wide.names) - set(self.names)))

    def _exact(self) -> SpeechRules:
        return SpeechRules.exact(*self.key)

    def sentences(self, text: str, last_speaker: str | None,
                  bounds: list[tuple[int, int]] | None = None) -> list[Sentence]:
        if any(n in text for n in self.foreign):
            return self._exact().sentences(text, last_speaker, bounds)
        return super().sentences(text, last_speaker, bounds)

    def names_in(self, text: str) -> list[str]:
        if any(n in text for n in self.foreign):
            return self._exact().names_in(text)
        return super().names_in(text)


class _Vocabulary:
    """The names and aliases the shared patterns are compiled for, in this
    process. A document that brings someone new adds them and the patterns
    are compiled again, at the cost of compiling its own; later documents
    whose people are all known compile nothing. Past MAX strings, or for a
    name spelled like a title (a title's pattern differs from a name's), a
    document gets its own rules. The patterns depend on which rules are
    disabled: a change there starts a new vocabulary.
    """

    MAX = 128

    def __init__(self):
        self.clear()

    def clear(self) -> None:
        self.names: set[str] = set()
        self.aliases: set[str] = set()
        self.wide: SpeechRules | None = None
        self.title_names: frozenset[str] = frozenset()
        self.titles: list[tuple[str, str]] | None = None
        self.disabled = _disabled()
        SpeechRules.exact.cache_clear()  # compiled with the rules then enabled

    def _fresh(self) -> None:
        if _disabled() != self.disabled:
            self.clear()

    def rules(self, names: tuple[str, ...], aliases: tuple[tuple[str, str], ...]) -> SpeechRules:
        self._fresh()
        wanted = {n for n in names if n}
        surfaces = {a for a, b in aliases if a and b}
        if not wanted or wanted & set(L.TITLES.words):
            return SpeechRules.exact(names, aliases)
        if not (wanted <= self.names and surfaces <= self.aliases):
            if len(self.names | self.aliases | wanted | surfaces) > self.MAX:
                return SpeechRules.exact(names, aliases)
            self.names |= wanted
            self.aliases |= surfaces
            self.wide = SpeechRules(sorted(self.names), {a: a for a in sorted(self.aliases)})
        return _Shared(names, aliases, self.wide)

    def title_patterns(self, known: set[str]) -> list[tuple[str, str]] | None:
        self._fresh()
        if not known <= self.title_names:
            if len(self.title_names | known) > self.MAX:
                return None
            self.title_names = self.title_names | known
            self.titles = _title_patterns(tuple(sorted(self.title_names)))
        return self.titles

    def foreign_in(self, text: str, known: set[str]) -> bool:
        return any(n in text for n in self.title_names - known)


def _disabled() -> frozenset[str]:
    return frozenset(r.name for r in (CUE_TITLE, CUE_PRONOUN, FIXED) if not r.enabled)


_VOCABULARY = _Vocabulary()
SpeechRules.for_names.__func__.cache_clear = _VOCABULARY.clear


def paragraph_mode(found: list[Sentence]) -> tuple[str, str | None, str]:
    """A paragraph's mode, speaker and rule name from its sentences (a stage
    direction in it does not count)."""
    counted = [s for s in found if s.speech_mode != "none"] or found
    modes = {s.speech_mode for s in counted}
    speakers = [s.speaker for s in counted if s.speaker]
    speaker = speakers[0] if speakers else None
    if modes == {"narration"} and PARAGRAPH_NONE.enabled:
        return "narration", None, PARAGRAPH_NONE.name
    if modes == {"reported"} and PARAGRAPH_CUE.enabled:
        return "reported", speaker, PARAGRAPH_CUE.name
    if modes == {"direct"} and PARAGRAPH_QUOTED.enabled:
        return "direct", speaker, PARAGRAPH_QUOTED.name
    if modes == {"narration", "reported"} and PARAGRAPH_MIXED.enabled:
        return "mixed", speaker, PARAGRAPH_MIXED.name
    if len(modes) > 1 and PARAGRAPH_SEVERAL.enabled:
        return "mixed", speaker, PARAGRAPH_SEVERAL.name
    if modes == {"none"}:
        return "none", None, NOT_SPEECH.name
    raise NoRuleDecided(f"no rule decided a paragraph of modes {sorted(modes)}")
