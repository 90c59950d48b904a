"""Photo captions: the credit that marks a paragraph as a caption, the
photographers it names and the day the photo was taken."""
from __future__ import annotations

import datetime as dt
import re

_NAME = r"[\u4e00-\u9fff·]{2,6}"
# A credit closes a caption: "新华社记者 鞠鹏 摄", "新华社记者 鞠鹏 谢环驰 摄" (Xinhua
# separates two photographers by a space), "（新华社记者 王晔 摄）", "本报记者张三摄",
# "新华社发（李响 摄）", "张三 摄影".
CREDIT = re.compile(
    r"(?<![^\s（(。，；;])[（(]?\s*(?P<credit>(?P<agency>(?:[\u4e00-\u9fff]{0,8}(?:记者|通讯员|摄影)"
    r"|新华社发)\s*[（(]?\s*)?"
    rf"(?P<names>{_NAME}(?:(?:\s+|\s*[、，]\s*){_NAME})*)\s*摄影?)\s*[）)]?\s*[）)]?$")
_SET_OFF = " \t\u3000\u00a0（("
# A full date "2024年4月22日"; after a range "至24日" or "至4月1日", a caption
# names the photo's own day: "这是22日下午", "这是3月30日", "图为23日".
FULL_DATE = re.compile(r"(?P<year>\d{4})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日")
THIS_IS_DAY = re.compile(r"(?:这是|图为)(?:(?P<month>\d{1,2})月)?(?P<day>\d{1,2})日")


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


def caption_fields(text: str) -> tuple[str | None, str | None, list[str]]:
    """A caption's photo date (ISO), its credit line and its photographers."""
    match = find_credit(text)
    credit = match["credit"].strip() if match else None
    if credit and credit.count("（") > credit.count("）"):
        credit += "）"  # "新华社发（李响 摄）": the bracket belongs to the credit
    names = re.split(r"[\s、，]+", match["names"].strip()) if match else []
    photo_date = None
    full = FULL_DATE.search(text)
    if full:
        year, month, day = int(full["year"]), int(full["month"]), int(full["day"])
        this_is = THIS_IS_DAY.search(text, full.end())
        if this_is:
            month = int(this_is["month"]) if this_is["month"] else month
            day = int(this_is["day"])
        try:
            photo_date = dt.date(year, month, day).isoformat()
        except ValueError:
            photo_date = None
    return photo_date, credit, names
