"""Photo captions: the credit that marks a paragraph as a caption, the
photographers it names and the day the photo was taken."""
from __future__ import annotations

import datetime as dt
import re

from . import lexicon as L
from .patterns import LazyPattern
from .registry import register

_NAME = L.PERSON_NAME
_SPACE = f"[{L.SPACES}]"
# A credit closes a caption: "新华社记者 鞠鹏 摄", "新华社记者 鞠鹏 谢环驰 摄" (Xinhua
# separates two photographers by a space), "（新华社记者 王晔 摄）", "本报记者张三摄",
# "新华社发（李响 摄）", "张三 摄影".
_OPEN, _CLOSE = f"[{L.OPEN_BRACKETS}]", f"[{L.CLOSE_BRACKETS}]"
_LIST = "".join(L.LIST_SEPARATORS.words[:1]) + L.COMMAS  # 、 and ，
CREDIT = LazyPattern(  # compiled for the first text holding 摄
    rf"(?<![^\s{L.OPEN_BRACKETS}。，；;]){_OPEN}?\s*(?P<credit>(?P<agency>(?:[{L.HAN}]{{0,8}}"
    rf"(?:{L.CREDIT_KEYWORDS.pattern()})|(?:{L.AGENCIES.pattern()})发)\s*{_OPEN}?\s*)?"
    rf"(?P<names>{_NAME}(?:(?:\s+|\s*[{_LIST}]\s*){_NAME})*)\s*(?:{L.PHOTO_MARKS.pattern()}))\s*{_CLOSE}?\s*{_CLOSE}?$")
_SET_OFF = L.SPACES + L.OPEN_BRACKETS
# A full date "2024年4月22日"; after a range "至24日" or "至4月1日", a caption
# names the photo's own day: "这是22日下午", "这是3月30日", "图为23日".
FULL_DATE = re.compile(r"(?P<year>\d{4})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日")
THIS_IS_DAY = re.compile(rf"(?:{L.PHOTO_DAY_MARKERS.pattern()})(?:(?P<month>\d{{1,2}})月)?(?P<day>\d{{1,2}})日")

PHOTO_DATE = register(
    "caption-photo-date", 1, "caption", "caption_date",
    "a caption's photo date is its first full date (year, month, day); a caption without a year gets none",
    examples=[("2023年10月23日，习近平在北京同新一届领导班子成员集体谈话。新华社记者 鞠鹏 摄", None,
               {"caption_date": "2023-10-23"})],
    counter_examples=[("10月23日，习近平在北京同新一届领导班子成员集体谈话。新华社记者 鞠鹏 摄", None,
                       {"caption_date": None})])
PHOTO_DAY = register(
    "caption-photo-day", 1, "caption", "caption_date",
    "after a date range, the day the caption names with 这是 or 图为 is the photo's day",
    examples=[("2024年4月22日至24日，习近平在重庆考察。这是22日下午，习近平在交流。 新华社记者 王晔 摄", None,
               {"caption_date": "2024-04-22"}),
              ("2024年3月28日至4月1日，习近平在湖南考察。这是3月30日，习近平在调研。 新华社记者 谢环驰 摄", None,
               {"caption_date": "2024-03-30"})],
    counter_examples=[("2024年4月22日至24日，习近平在重庆考察。 新华社记者 王晔 摄", None,
                       {"caption_date": "2024-04-22"})])
PHOTOGRAPHERS = register(
    "caption-photographers", 1, "caption", "photo_credit, participant role=photographer",
    "the credit line and the photographers it names, split at spaces and 、",
    examples=[("2023年10月23日，会见。（新华社记者 张三、李四 摄）", None,
               {"photo_credit": "新华社记者 张三、李四 摄", "photographers": ["张三", "李四"]}),
              ("习近平在展览现场。 新华社记者 鞠鹏 谢环驰 摄", None,
               {"photo_credit": "新华社记者 鞠鹏 谢环驰 摄", "photographers": ["鞠鹏", "谢环驰"]})],
    counter_examples=[("习近平同代表们亲切交流。 新华社发", None, {"photo_credit": None, "photographers": []})])


def find_credit(text: str) -> re.Match | None:
    """The photo credit closing ``text``, if any. Without a 记者/通讯员/摄影
    keyword the credit must be set off by a space or bracket, so that a
    sentence merely ending in 拍摄 is not taken for a credit."""
    if "摄" not in text:  # cheap test first: most paragraphs are not captions
        return None
    match = CREDIT.search(text)
    if match is None or match.start() == 0 and not match["agency"]:
        return None
    if match["agency"] or text[match.start()] in _SET_OFF or text[match.start() - 1] in _SET_OFF:
        return match
    return None


def caption_fields(text: str, fired: list[str] | None = None) -> tuple[str | None, str | None, list[str]]:
    """A caption's photo date (ISO), its credit line and its photographers;
    the names of the rules that decided them are appended to ``fired``."""
    fired = [] if fired is None else fired
    match = find_credit(text) if PHOTOGRAPHERS.enabled else None
    credit = match["credit"].strip() if match else None
    if credit and credit.count("（") > credit.count("）"):
        credit += "）"  # "新华社发（李响 摄）": the bracket belongs to the credit
    names = re.split(rf"[\s{_LIST}]+", match["names"].strip()) if match else []
    if match:
        fired.append(PHOTOGRAPHERS.name)
    photo_date = None
    full = FULL_DATE.search(text) if PHOTO_DATE.enabled else None
    if full:
        year, month, day = int(full["year"]), int(full["month"]), int(full["day"])
        fired.append(PHOTO_DATE.name)
        this_is = THIS_IS_DAY.search(text, full.end()) if PHOTO_DAY.enabled else None
        if this_is:
            month = int(this_is["month"]) if this_is["month"] else month
            day = int(this_is["day"])
            fired.append(PHOTO_DAY.name)
        try:
            photo_date = dt.date(year, month, day).isoformat()
        except ValueError:
            photo_date = None
    return photo_date, credit, names
