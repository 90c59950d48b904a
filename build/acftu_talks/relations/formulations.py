"""Formulations (提法): recurring passages grouped, each with every place it
occurs and whether it is the genre's boilerplate.

The candidates are the texts of the reuse rows. Each candidate's
occurrences are every place it stands in a sentence of any document (so a
passage reused 2013->2018 and 2018->2023 is one formulation with its three
or more occurrences, and the second version of a report and the readout of
a talk whose speech text stands for it in reuse are occurrences too). Candidates are taken in order of how many events use them,
then length; one that overlaps an occurrence of a formulation already taken
is left out, so a character belongs to one formulation at most
(``习近平23日`` does not become a second title formulation).

Boilerplate, like TextPAIR's banality filter, is decided by rules declared
below as data: a rule names the stock formulas of the genre (titles,
meeting and attendance formulas, reporting frames); a passage is
boilerplate when those formulas make up at least ``share`` of its
characters. The first rule that decides is recorded; ``substantive`` when
none does.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Iterable

from . import search
from .corpus import Corpus
from .ngrams import content_length


@dataclass(frozen=True)
class BoilerplateRule:
    name: str
    version: str
    description: str
    pattern: str
    share: float
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]

    def covers(self, text: str) -> float:
        """Share of the passage's characters (punctuation aside) inside the
        rule's formulas."""
        covered = [False] * len(text)
        for m in re.finditer(self.pattern, text):
            for i in range(m.start(), m.end()):
                covered[i] = True
        total = content_length(text)
        inside = content_length("".join(ch for ch, c in zip(text, covered) if c))
        return inside / total if total else 0.0

    def decides(self, text: str) -> bool:
        return self.covers(text) >= self.share


_TITLES = (r"中共中央总书记|国家主席|中央军委主席|中共中央政治局(常委|委员)|中央书记处书记|国务委员|"
           r"全国人大常委会副委员长|国家副主席|(中华)?全国总工会(副主席|主席)|书记处第一书记|习近平|"
           r"[\u4e00-\u9fff]{2,3}(?=参加)")
_MEETING = (r"在中南海|同?(中华)?全国总工会新一届领导班子(成员)?|集体谈话|发表重要讲话|参加(集体)?谈话|"
            r"主持(集体)?谈话|代表|汇报了?|作了发言|[上下]?午|\d+日|(表示)?(热烈)?祝贺|致以诚挚(的)?问候|"
            r"向全国各族职工群众|中国工会第?[十\d一二三四五六七八九]+(次全国代表大会|大)?|(召开|有关)?情况和?|未来5年工会工作|寄予殷切期望|"
            r"党中央对|大会取得成功")
_FRAMES = r"^(习近平|他)(首先)?(强调|指出|表示|说)，?"
# the lead's date and time and the outlet's source tag
_DATE_TIME = (r"[0-9０-９〇零一二三四五六七八九十]+[年月日号]|[上中下]午|凌晨|早上|晚上|傍晚|当天|今天|昨天|日前|近日|"
              r"[\u4e00-\u9fff]{1,6}消息（[^）]{1,12}）：?|新华社[\u4e00-\u9fff]{2,4}电")

RULES: tuple[BoilerplateRule, ...] = (
    BoilerplateRule(
        "leader-title", "1",
        "Official titles and the names they stand before: the opening of every readout of the genre.",
        _TITLES, 0.8,
        ("中共中央总书记、国家主席、中央军委主席习近平", "中共中央政治局常委、中央书记处书记",
         "中华全国总工会主席"),
        ("坚持全心全意依靠工人阶级", "树立大抓基层的鲜明导向")),
    BoilerplateRule(
        "meeting-formula", "1",
        "How a readout says where, when and with whom the talk was held, who reported, spoke and "
        "attended, and the congratulations that open the speech.",
        f"(?:{_MEETING})|(?:{_TITLES})", 0.8,
        ("在中南海同中华全国总工会新一届领导班子成员集体谈话并发表重要讲话",
         "代表中华全国总工会新一届领导班子汇报了中国工会十", "党中央对全国总工会新一届领导班子寄予殷切期望"),
        ("工会是职工之家，工会干部是", "知识型、技能型、创新型产业工人大军")),
    BoilerplateRule(
        "reporting-frame", "1",
        "A reporting verb after the speaker's name with only a few words of what was said: the "
        "frame of reported speech, not a formulation.",
        _FRAMES, 0.4,
        ("习近平强调，工会", "习近平强调，我国工", "习近平强调，各级党委要加强"),
        ("习近平强调，工人阶级和广大劳动群众是社会财富的主要创造者", "全国总工会和各级工会")),
    BoilerplateRule(
        "date-time-lead", "1",
        "A date or time expression, an outlet's source tag, or the lead's formula around them (titles, "
        "name, date, 在中南海同 ...): two talks on the 23rd share the calendar, not a formulation.",
        f"(?:{_DATE_TIME})|(?:{_TITLES})|(?:{_MEETING})", 0.8,
        ("习近平23日", "23日上午在中南海同", "央视网消息（新闻联播）：中共中央总书记", "新华社北京电"),
        ("为实现中国梦而奋斗", "2035年基本实现社会主义现代化的宏伟目标")),
)
SUBSTANTIVE = "substantive"


def classify(text: str) -> tuple[bool, str]:
    """(boilerplate, the rule that decided: a rule's name@version, or
    ``substantive`` when no rule decides)."""
    for rule in RULES:
        if rule.decides(text):
            return True, f"{rule.name}@{rule.version}"
    return False, SUBSTANTIVE


def formulation_id(text: str) -> str:
    """``form-`` and 12 hex digits of the text's sha256: the same text has
    the same id in every release."""
    return "form-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


# an occurrence as a packed record holds it: a tuple of these (a large
# corpus has hundreds of thousands of occurrences; a tuple is a third of a dict)
OCCURRENCE_FIELDS = ("doc_id", "sentence_id", "char_start", "char_end", "date", "speech_mode", "speaker")


def full(record: dict) -> dict:
    """A packed formulation record (occurrences as tuples) in full."""
    return {**record, "occurrences": [dict(zip(OCCURRENCE_FIELDS, o)) for o in record["occurrences"]]}


def group(corpus: Corpus, candidates: Iterable[str], lookup: search.Occurrences | None = None) -> list[dict]:
    """Formulation records in full, sorted by first date, then text (see :func:`packed`)."""
    return [full(r) for r in packed(corpus, candidates, lookup)]


def packed(corpus: Corpus, candidates: Iterable[str], lookup: search.Occurrences | None = None) -> list[dict]:
    """Formulation records, sorted by first date, then text, each
    occurrence a tuple of OCCURRENCE_FIELDS.

    The candidates are the texts of the reuse rows; a candidate occurs
    wherever it stands in a sentence of any document, so the documents a
    reuse row leaves aside (the other version of a report, the readout of
    a talk whose speech text stands for it) are occurrences too."""
    texts = sorted(set(candidates))
    lookup = lookup or search.Occurrences(corpus)
    lookup.look_up(texts)  # one pass for the texts not searched for yet
    n_events = {t: len(lookup.events(t)) for t in texts}
    # the characters of each document a kept formulation covers: two
    # non-empty spans overlap exactly when they share a character, so one
    # lookup per occurrence replaces a scan of every kept span
    taken: dict[str, bytearray] = {}
    records = []
    for t in sorted(texts, key=lambda t: (-n_events[t], -len(t), t)):
        if n_events[t] < 2:
            continue
        occ = lookup.places(t)  # sorted
        if any(d in taken and taken[d].find(1, s, e) != -1 for d, _, s, e in occ):
            continue
        for d, _, s, e in occ:
            if d not in taken:
                taken[d] = bytearray(len(corpus[d].raw))
            taken[d][s:e] = b"\x01" * (e - s)
        records.append(_record(corpus, t, occ))
    records.sort(key=lambda r: (r["first_date"], r["text"]))
    return records


def _record(corpus: Corpus, text: str, occ: list[tuple]) -> dict:
    boilerplate, rule = classify(text)
    rows = []
    for doc_id, sentence_id, s, e in occ:
        sentence = corpus[doc_id].sentence(sentence_id)
        rows.append((doc_id, sentence_id, s, e, sentence.date, sentence.speech_mode, sentence.speaker))
    dates = sorted(o[4] for o in rows)
    events = {corpus[o[0]].event_id for o in rows}
    return {
        "formulation_id": formulation_id(text), "text": text, "boilerplate": boilerplate,
        "boilerplate_rule": rule, "occurrences": rows,
        "event_ids": sorted(events),
        "first_date": dates[0], "last_date": dates[-1],
        "n_events": len(events),
        "n_documents": len({o[0] for o in rows}),
    }
