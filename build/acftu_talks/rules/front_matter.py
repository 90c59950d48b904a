"""What each paragraph is: headline lines, byline, dateline, caption, note,
heading, stage direction, web boilerplate or body text.

A paragraph gets the segment type of the first rule that matches. The lines
before the first body paragraph (the front matter) may hold a headline of up
to three lines (引题, 主题, 副题 as in Xinhua and People's Daily web pages:
``习近平在……时强调`` / ``团结动员亿万职工……`` / ``蔡奇出席``), a subtitle, a
speech's date line and a byline.
"""
from __future__ import annotations

import re

from . import lexicon as L
from .captions import find_credit
from .patterns import LazyPattern
from .registry import NoRuleDecided, register

_HAN = f"[{L.HAN}]"
# A dateline: "新华社北京10月29日电", optionally "（记者 X）". Alone on its line it
# is a dateline paragraph; at the start of a body paragraph it still dates the dispatch.
DATELINE_PREFIX = re.compile(
    rf"^(?P<agency>{L.AGENCIES.pattern()})?(?P<place>{_HAN}{{2,8}}?)"
    rf"(?:(?P<year>\d{{4}})年)?(?P<month>\d{{1,2}})月(?P<day>\d{{1,2}})日(?:{L.DISPATCH_MARKS.pattern()})"
    rf"(?:[{L.SPACES}]*[{L.OPEN_BRACKETS}][^{L.CLOSE_BRACKETS}]*[{L.CLOSE_BRACKETS}])?")
# A source tag opening a lead: "央视网消息（新闻联播）：", "新华社北京10月23日电 ", "本报讯 ".
SOURCE_TAG = re.compile(
    rf"^(?:{DATELINE_PREFIX.pattern[1:]}|(?:{L.AGENCIES.pattern()})(?:消息|讯)"
    rf"(?:[{L.OPEN_BRACKETS}][^{L.CLOSE_BRACKETS}]{{1,20}}[{L.CLOSE_BRACKETS}])?)[{L.COLONS}]?[{L.SPACES}]*")
EDITOR_NOTE = re.compile(rf"^(?:※|[【\[]?编者按[】\]]?[{L.COLONS}]?)")
# "（2020年11月24日）" under a speech's title: the day it was given.
SPEECH_DATE = re.compile(rf"^[{L.OPEN_BRACKETS}]\d{{4}}年\d{{1,2}}月\d{{1,2}}日[{L.CLOSE_BRACKETS}]$")
SUBTITLE = re.compile("^(?:" + "|".join(L.DASHES) + ")")
_NUM = f"[{L.CHINESE_NUMERALS}]+"
HEADING = re.compile(rf"^(?:{_NUM}、|[{L.OPEN_BRACKETS}]{_NUM}[{L.CLOSE_BRACKETS}]|第{_NUM}部分)[^{L.TERMINALS}]{{1,40}}$")
REPORTER_LINE = LazyPattern(  # tested only in the lines under a title: compiled if a corpus has them
    rf"^(?:{L.AGENCIES.pattern()})?记者[{L.SPACES}]*{L.PERSON_NAME}(?:[{L.SPACES}]+{L.PERSON_NAME})*$")
SENTENCE_PUNCT = re.compile(f"[{re.escape(L.TERMINALS)}；;]")
# "（掌声）" "（热烈掌声）": a stage direction of a speech transcript.
STAGE_DIRECTION = re.compile(rf"[{L.OPEN_BRACKETS}](?:{L.STAGE_DIRECTIONS.pattern()})[{L.CLOSE_BRACKETS}]")
# A web page's boilerplate line: "（完）", "责任编辑：张三", "【纠错】", "来源：新华社".
BOILERPLATE = re.compile(
    rf"^(?:（完）|\(完\)|【[^】]{{1,6}}】|(?:责任编辑|编辑|来源)[{L.COLONS}][{L.SPACES}]*[^{L.TERMINALS}，]{{0,20}}"
    rf"|分享到[{L.COLONS}]?)$")
TITLE_MAX = 80
TITLE_LINES = 3  # a headline may run to three lines (引题, 主题, 副题)

CAPTION = register(
    "caption-credit", 1, "paragraph", "segment_type=photo_caption",
    "the paragraph ends in a photo credit (a credit keyword such as 记者, 通讯员, 摄影, 新华社发, "
    "or a credit set off by a space or bracket)",
    examples=[("10月23日，习近平在北京人民大会堂同新一届领导班子成员集体谈话。新华社记者 鞠鹏 摄", None,
               {"segment_type": "photo_caption"}),
              ("习近平同代表们亲切握手。（本报记者张三摄）", None, {"segment_type": "photo_caption"}),
              ("习近平在展览现场。新华社发（李响 摄）", None, {"segment_type": "photo_caption"})],
    counter_examples=[("正文第一段。\n会议进行了拍摄。", "会议", {"segment_type": "body"}),
                      ("正文第一段。\n大家合影留念，由专人拍摄", "合影", {"segment_type": "body"})])
EDITOR_NOTE_RULE = register(
    "editor-note-mark", 1, "paragraph", "segment_type=editor_note",
    "the paragraph opens with ※ or 编者按",
    examples=[("※这是习近平总书记2023年10月23日在同中华全国总工会新一届领导班子成员集体谈话时讲话的主要部分。",
               None, {"segment_type": "editor_note"}),
              ("【编者按】本文是习近平总书记的讲话。", None, {"segment_type": "editor_note"})],
    counter_examples=[("标题\n按照党中央部署，各地加强工作。", "按照", {"segment_type": "body"})])
DATELINE_ONLY = register(
    "dateline-only", 1, "paragraph", "segment_type=dateline",
    "the paragraph is only a dateline: agency, place, day and 电 or 讯, optionally （记者 X）",
    examples=[("新华社北京10月29日电\n习近平指出，要努力。", "新华社", {"segment_type": "dateline"}),
              ("新华社北京10月29日电（记者张三）\n习近平指出，要努力。", "新华社", {"segment_type": "dateline"}),
              ("本报北京10月23日讯\n习近平指出，要努力。", "本报", {"segment_type": "dateline"})],
    counter_examples=[("新华社北京10月23日电 中共中央总书记、国家主席习近平23日下午在中南海集体谈话。", None,
                       {"segment_type": "body"})])
STAGE = register(
    "stage-direction", 1, "paragraph", "segment_type=stage_direction",
    "a paragraph that is only a stage direction of a transcript: （掌声） （热烈掌声） （笑声）",
    examples=[("我们的目标一定能够实现！\n（热烈掌声）", "（热烈", {"segment_type": "stage_direction",
                                                             "speech_mode": "none"})],
    counter_examples=[("讲话结束后，全场响起热烈掌声。", None, {"segment_type": "body"})])
BOILERPLATE_RULE = register(
    "web-boilerplate", 1, "paragraph", "segment_type=boilerplate",
    "a line of the web page around the article: （完）, 责任编辑：……, 【纠错】, 来源：……",
    examples=[("习近平强调，要团结奋斗。\n（完）", "（完）", {"segment_type": "boilerplate", "speech_mode": "none"}),
              ("习近平强调，要团结奋斗。\n责任编辑：张三", "责任", {"segment_type": "boilerplate"}),
              ("习近平强调，要团结奋斗。\n【纠错】", "纠错", {"segment_type": "boilerplate"})],
    counter_examples=[("习近平强调，要团结奋斗。\n来源：新华社记者调查显示，职工收入稳步增长。", "来源",
                       {"segment_type": "body"})])
TITLE_FIRST = register(
    "title-first-line", 1, "paragraph", "segment_type=title",
    "the first paragraph that is not a caption, note or dateline: at most 80 characters, "
    "no sentence punctuation, not ending in ： or ，",
    examples=[("习近平在同中华全国总工会新一届领导班子成员集体谈话时强调\n习近平指出，要努力。", "集体谈话时",
               {"segment_type": "title", "speech_mode": "none"})],
    counter_examples=[("同志们，朋友们：\n今天，我们在这里隆重集会。", "同志们", {"segment_type": "body"}),
                      ("习近平强调，要坚持党的领导。", None, {"segment_type": "body"})])
TITLE_MORE = register(
    "title-continuation", 1, "paragraph", "segment_type=title",
    "up to two more short lines of a headline (引题, 主题, 副题)",
    examples=[("习近平在同中华全国总工会新一届领导班子成员集体谈话时强调\n"
               "团结动员亿万职工积极建功新时代\n蔡奇出席\n"
               "新华社北京10月23日电 中共中央总书记习近平23日下午在中南海集体谈话。", "蔡奇出席",
               {"segment_type": "title"})],
    counter_examples=[("标题\n一、坚持党的领导\n我们要努力。", "一、", {"segment_type": "heading"})])
SUBTITLE_RULE = register(
    "subtitle-dash", 1, "paragraph", "segment_type=title",
    "a subtitle under the title, opening with ——",
    examples=[("在庆祝中国共产党成立100周年大会上的讲话\n——2021年7月1日\n同志们，朋友们：", "——",
               {"segment_type": "title"}),
              ("习近平在全国劳动模范和先进工作者表彰大会上强调\n弘扬劳模精神\n蔡奇出席\n——在表彰大会上的讲话\n"
               "同志们：", "——在", {"segment_type": "title"})],
    counter_examples=[("标题\n习近平\n同志们：\n——这是我们的目标。", "——这是", {"segment_type": "body"})])
SPEECH_DATE_RULE = register(
    "speech-date-line", 1, "paragraph", "segment_type=dateline",
    "under a speech's title, the day it was given: （2020年11月24日）",
    examples=[("在全国劳动模范和先进工作者表彰大会上的讲话\n（2020年11月24日）\n习近平\n同志们：", "（2020",
               {"segment_type": "dateline"})],
    counter_examples=[("在全国劳动模范和先进工作者表彰大会上的讲话\n2020年11月24日召开的大会，意义重大。", "召开",
                       {"segment_type": "body"})])
BYLINE = register(
    "byline-after-title", 1, "paragraph", "segment_type=byline",
    "in the lines under the title, a name (习近平) or a reporter's byline (新华社记者 张三 李四)",
    examples=[("组织动员亿万职工积极投身强国建设\n习近平\n我们要团结奋斗。", "习近平\n",
               {"segment_type": "byline"}),
              ("习近平会见全国劳模代表\n新华社记者 张三 李四\n习近平会见代表。", "记者",
               {"segment_type": "byline"})],
    counter_examples=[("习近平在同全总新一届领导班子成员集体谈话时强调\n团结动员亿万职工\n蔡奇出席\n"
                       "习近平指出，要努力。", "蔡奇出席", {"segment_type": "title"})])
HEADING_RULE = register(
    "section-heading", 1, "paragraph", "segment_type=heading",
    "a section heading of a speech text on its own line: 一、……, （二）……, 第三部分……",
    examples=[("标题\n习近平\n我们要努力。\n一、坚持党的领导\n要加强领导。", "一、", {"segment_type": "heading"}),
              ("标题\n习近平\n我们要努力。\n（二）深化工会改革\n要改革。", "（二）", {"segment_type": "heading"})],
    counter_examples=[("标题\n习近平\n我们要努力。\n一、要坚持党的领导。二、要深化改革。", "一、",
                       {"segment_type": "body"})])
BODY = register(
    "body-default", 1, "paragraph", "segment_type=body",
    "any other paragraph: the text of the report or speech",
    examples=[("标题\n习近平强调，要团结奋斗。", "团结", {"segment_type": "body"})],
    counter_examples=[("标题\n（完）", "完", {"segment_type": "boilerplate"})])


def _han(text: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" for c in text)  # L.HAN


def is_name_line(text: str) -> bool:
    """Whether the line is one name (习近平, 阿不都热依木·阿不都热西提), as
    ``re.match(rf"^{L.PERSON_NAME}$", text)`` says: two to four Han
    characters, or runs of one to eight joined by ·, before at most one
    final newline. Tested without a regular expression, whose three Han
    classes would cost milliseconds to compile for one line a document."""
    if text.endswith("\n"):
        text = text[:-1]
    runs = text.split("·")
    if len(runs) == 1:
        return 2 <= len(text) <= 4 and _han(text)
    return all(1 <= len(run) <= 8 and _han(run) for run in runs)


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
                 and not text.endswith(tuple(L.COLONS + L.COMMAS)))  # "同志们，朋友们：" opens a speech
        if self.title_lines and not self.byline:
            if BYLINE.enabled and (is_name_line(text) and (text in self.names or len(text) <= 3)
                                   or REPORTER_LINE.match(text)):
                self.byline = True
                return "byline", BYLINE.name
            if SPEECH_DATE_RULE.enabled and SPEECH_DATE.match(text):
                return "dateline", SPEECH_DATE_RULE.name
            if SUBTITLE_RULE.enabled and SUBTITLE.match(text) and short:
                return "title", SUBTITLE_RULE.name
            if TITLE_MORE.enabled and short and self.title_lines < TITLE_LINES and not HEADING.match(text):
                self.title_lines += 1
                return "title", TITLE_MORE.name
        if TITLE_FIRST.enabled and not self.title_lines and short and not HEADING.match(text):
            self.title_lines = 1
            return "title", TITLE_FIRST.name
        return None


def segment_type(text: str, front: FrontMatter) -> tuple[str, str]:
    """The paragraph's segment type and the name of the rule that decided it."""
    if CAPTION.enabled and find_credit(text):
        return "photo_caption", CAPTION.name
    if EDITOR_NOTE_RULE.enabled and EDITOR_NOTE.match(text):
        return "editor_note", EDITOR_NOTE_RULE.name
    if DATELINE_ONLY.enabled and DATELINE_PREFIX.fullmatch(text):
        return "dateline", DATELINE_ONLY.name
    if STAGE.enabled and STAGE_DIRECTION.fullmatch(text):
        return "stage_direction", STAGE.name
    if BOILERPLATE_RULE.enabled and BOILERPLATE.match(text):
        return "boilerplate", BOILERPLATE_RULE.name
    decided = front.classify(text)
    if decided:
        return decided
    front.open = False
    if HEADING_RULE.enabled and HEADING.match(text):
        return "heading", HEADING_RULE.name
    if BODY.enabled:
        return "body", BODY.name
    raise NoRuleDecided(f"no rule typed the paragraph {text[:20]!r}")


def dateline_text(segment: str, text: str) -> str | None:
    """The dateline a paragraph holds: all of a dateline paragraph, or the
    prefix of a body paragraph ("新华社北京10月29日电 中共中央……")."""
    if segment == "dateline":
        return text
    if segment == "body":
        match = DATELINE_PREFIX.match(text)
        return match.group() if match else None
    return None


def source_tag_end(text: str) -> int:
    """Where a lead's source tag ends (0 when it has none)."""
    match = SOURCE_TAG.match(text)
    return match.end() if match else 0

