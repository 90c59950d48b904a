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
