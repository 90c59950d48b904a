"""Front matter and source tags: datelines and the tags that open a lead."""
from __future__ import annotations

import pytest

from acftu_talks.rules.front_matter import FrontMatter, dateline_text, segment_type, source_tag_end


@pytest.mark.parametrize("lead, tag", [
    ("央视网消息（新闻联播）：中共中央总书记习近平23日下午……", "央视网消息（新闻联播）："),
    ("新华社北京10月23日电 中共中央总书记习近平23日下午……", "新华社北京10月23日电 "),
    ("新华社北京10月23日电（记者张三）中共中央总书记习近平……", "新华社北京10月23日电（记者张三）"),
    ("本报北京10月23日讯 中共中央总书记习近平……", "本报北京10月23日讯 "),
    ("人民网北京10月23日电 中共中央总书记习近平……", "人民网北京10月23日电 "),
    ("本报讯 全国总工会23日召开会议。", "本报讯 "),
])
def test_source_tag_end(lead, tag):
    assert lead[:source_tag_end(lead)] == tag


@pytest.mark.parametrize("lead", ["中共中央总书记习近平23日下午在中南海集体谈话。", "记者从全国总工会获悉：会议召开。",
                                  "北京时间10月23日，会议召开。"])
def test_no_source_tag(lead):
    assert source_tag_end(lead) == 0


def test_dateline_text_of_a_dateline_and_of_a_lead():
    assert dateline_text("dateline", "新华社北京10月29日电") == "新华社北京10月29日电"
    assert dateline_text("body", "新华社北京10月29日电 习近平29日上午……") == "新华社北京10月29日电"
    assert dateline_text("photo_caption", "新华社北京10月29日电 ……") is None


def test_the_front_matter_closes_at_the_first_body_paragraph():
    front = FrontMatter(["习近平"])
    lines = ["习近平在同全总新一届领导班子成员集体谈话时强调", "团结动员亿万职工", "蔡奇出席",
             "新华社北京10月23日电 习近平23日下午集体谈话。", "短行"]
    assert [segment_type(line, front) for line in lines] == [
        ("title", "title-first-line"), ("title", "title-continuation"), ("title", "title-continuation"),
        ("body", "body-default"), ("body", "body-default")]


def test_a_name_line_is_what_the_name_pattern_matches():
    """is_name_line answers as re.match(^PERSON_NAME$) on random lines of Han
    characters, interpuncts, newlines and others, and on every real line."""
    import random
    import re

    from conftest import CORPUS
    from acftu_talks.rules import lexicon as L
    from acftu_talks.rules.front_matter import is_name_line

    pattern = re.compile(rf"^{L.PERSON_NAME}$")
    rng = random.Random(2018)
    alphabet = ["习", "近", "平", "阿", "一", "\u9fff", "\u4dff", "\ua000", "·", "·", "\n", " ", "a", "。", "\u3000"]
    lines = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20))) for _ in range(20000)]
    lines += ["".join(rng.choice(alphabet[:6] + ["·"]) for _ in range(rng.randint(1, 12))) for _ in range(20000)]
    for path in sorted(CORPUS.glob("*.txt")):
        lines += path.read_text(encoding="utf-8").split("\n")
    lines += ["习近平", "习近平\n", "习近平\n\n", "阿不都热依木·阿不都热西提", "一二三四五六七八·九", "习·", "·习"]
    assert sum(map(is_name_line, lines)) > 1000  # both answers are exercised
    for line in lines:
        assert is_name_line(line) == bool(pattern.match(line)), repr(line)
