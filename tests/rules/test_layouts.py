"""The genre's real layouts, end to end through the rules and the build.

The page below follows the layout of a Xinhua / People's Daily web readout of
a leader's meeting (headline of three lines, photo caption, lead opening with
a dateline, reported speech acts, a title standing for its holder, web
boilerplate); its sentences are written after the 2023 readout of the ACFTU
talk, not copied from one page.
"""
from __future__ import annotations

import hashlib
import re

import pyarrow.parquet as pq
import pytest

from acftu_talks import cli, pipeline
from acftu_talks.annotate import annotate_spans as annotate
from acftu_talks.errors import InputError
from acftu_talks.segment import segment

from conftest import CORPUS, SCHEMA, ROOT, build_args

HEADLINE = ["习近平在同中华全国总工会新一届领导班子成员集体谈话时强调",
            "团结动员亿万职工为强国建设民族复兴伟业建功立业",
            "蔡奇出席"]
PAGE = "\n".join(HEADLINE + [
    "10月23日，中共中央总书记、国家主席、中央军委主席习近平在北京中南海同中华全国总工会新一届领导班子成员集体谈话"
    "并发表重要讲话。 新华社记者 鞠鹏 摄",
    "新华社北京10月23日电 中共中央总书记、国家主席、中央军委主席习近平23日下午在中南海同中华全国总工会新一届领导班子"
    "成员集体谈话并发表重要讲话。他强调，工会要坚持党的领导。",
    "习近平代表党中央，对大会成功召开表示热烈祝贺，向全国广大职工和工会工作者致以诚挚问候。要团结动员亿万职工建功立业。",
    "总书记指出，我国工运事业是在党的领导下发展起来的。（掌声）要坚持以职工为中心的工作导向。",
    "习近平最后指出，各级党委要加强对工会工作的领导。",
    "中共中央政治局常委、中央书记处书记蔡奇参加集体谈话。",
    "（完）",
    "【纠错】",
    "责任编辑：张三",
]) + "\n"


@pytest.fixture(scope="module")
def notes():
    spans, _ = segment(PAGE)
    return annotate(spans, "news_report", "习近平", ["蔡奇"])


def test_paragraphs_of_a_web_readout(notes):
    assert [(n.segment_type, n.speech_mode, n.speaker) for n in notes] == [
        ("title", "none", None), ("title", "none", None), ("title", "none", None),
        ("photo_caption", "none", None),
        ("body", "mixed", "习近平"),
        ("body", "reported", "习近平"),
        ("body", "reported", "习近平"),
        ("body", "reported", "习近平"),
        ("body", "narration", None),
        ("boilerplate", "none", None), ("boilerplate", "none", None), ("boilerplate", "none", None),
    ]


def test_sentences_of_a_web_readout(notes):
    got = [[(s.speech_mode, s.speaker, s.cue, s.rules[0]) for s in n.sentences] for n in notes[4:8]]
    assert got == [
        [("narration", None, None, "narration-default"),  # the lead, after its dateline
         ("reported", "习近平", "强调", "cue-after-pronoun")],  # 他: the lead's subject
        [("reported", "习近平", "表示", "speech-act"),
         ("reported", "习近平", None, "paraphrase-continues")],  # the paraphrase resumes
        [("reported", "习近平", "指出", "cue-after-title"),
         ("none", None, None, "not-speech-in-text"),  # （掌声）
         ("reported", "习近平", None, "paraphrase-continues")],
        [("reported", "习近平", "指出", "cue-after-name")],
    ]


def test_aliases_passed_in_name_a_speaker():
    spans, _ = segment("习总书记强调，要坚持党的领导。要团结奋斗。\n")
    got = annotate(spans, "news_report", "习近平", [], aliases={"习总书记": "习近平"})
    assert [(s.speech_mode, s.speaker) for s in got[0].sentences] == [("reported", "习近平"), ("reported", "习近平")]
    assert annotate(spans, "news_report", "习近平", [])[0].speech_mode == "narration"


SIDECAR = (CORPUS / "2023-10-23-acftu-talk-cctv.toml").read_text(encoding="utf-8")


def write(corpus, text: str, title: str) -> None:
    corpus.mkdir()
    for name in ("events.toml", "persons.toml"):  # the 2023 talk and its people
        (corpus / name).write_bytes((CORPUS / name).read_bytes())
    doc_id = "2023-10-23-acftu-talk-xinhua"
    data = text.encode("utf-8")
    (corpus / f"{doc_id}.txt").write_bytes(data)
    meta = SIDECAR.replace("2023-10-23-acftu-talk-cctv", doc_id)
    meta = re.sub(r'source_sha256 = "[0-9a-f]+"', f'source_sha256 = "{hashlib.sha256(data).hexdigest()}"', meta)
    meta = re.sub(r'(?m)^title = ".*"$', f'title = "{title}"', meta)
    (corpus / f"{doc_id}.toml").write_text(meta, encoding="utf-8")


def test_a_three_line_headline_builds_with_its_lines_joined_by_a_space(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus, PAGE, " ".join(HEADLINE))
    out = tmp_path / "release"
    assert cli.main(build_args(corpus, out)) == 0
    doc = pq.read_table(out / "data" / "documents").to_pylist()[0]
    # the lead's dateline gives the day of publication
    assert (doc["publication_date_source"], doc["publication_date_evidence"]) == (
        "inferred", "2023-10-23-acftu-talk-xinhua.p005")
    modes = [r["segment_type"] for r in pq.read_table(out / "data" / "paragraphs").to_pylist()]
    assert modes[-3:] == ["boilerplate"] * 3


def test_a_headline_the_sidecar_does_not_spell_out_is_an_error(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus, PAGE, HEADLINE[1])
    with pytest.raises(InputError) as info:
        pipeline.check(corpus, SCHEMA, ROOT)
    [problem] = info.value.problems
    assert problem.code == "meta.title-mismatch" and problem.where == "title"
    assert f'set title = "{" ".join(HEADLINE)}"' in problem.hint
