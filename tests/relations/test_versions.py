"""Two outlets' versions of one report: every difference its own row."""
import pytest

from acftu_talks.relations import versions

from relations_fixtures import corpus, doc, real_corpus

BODY = ("习近平强调，要围绕树立新发展理念、推动高质量发展、建设现代化经济体系，引导职工以主人翁姿态建功立业，"
        "深入开展各类竞赛活动。劳动模范是民族的精英、人民的楷模。大国工匠是职工队伍中的高技能人才。"
        "工会要协同各个方面为劳动模范发挥作用搭建平台、提供舞台，培养造就更多劳动模范。")


def rows(*docs):
    return list(versions.align(corpus(*docs)))


def test_a_single_punctuation_mark_is_a_row():
    a = doc("2018-10-29-x-cctv", BODY.replace("体系，", "体系、"))
    b = doc("2018-10-29-x-xinhua", BODY)
    (row,) = rows(b, a)
    assert (row["op"], row["text_a"], row["text_b"]) == ("replace", "、", "，")
    assert row["char_start_a"] == row["char_start_b"] == BODY.index("，引导")
    assert row["sentence_id_a"] == "2018-10-29-x-cctv.p001.s01" and row["artifact"] is False


def test_a_source_tag_is_a_deletion_and_an_artifact_an_insertion():
    tag = "央视网消息（新闻联播）："
    bookmark = "[bookmark: _GoBack]"
    at = BODY.index("大国工匠")  # a sentence start, like the bookmark in the 2018 file
    raw_b = BODY[:at] + bookmark + BODY[at:]
    a = doc("2018-10-29-x-cctv", tag + BODY)
    b = doc("2018-10-29-x-xinhua", raw_b, artifacts=((at, at + len(bookmark)),))
    got = [(r["op"], r["text_a"], r["text_b"], r["artifact"]) for r in rows(a, b)]
    assert got == [("delete", tag, "", False), ("insert", "", bookmark, True)]


def test_a_speech_text_and_a_report_are_not_versions():
    a = doc("2023-10-23-x-cctv", BODY)
    b = doc("2023-10-23-x-qiushi", BODY.replace("，", "、"), doc_type="speech_text")
    assert rows(a, b) == []


def test_two_reports_of_one_event_written_apart_are_not_versions():
    a = doc("2018-10-29-x-cctv", BODY)
    b = doc("2018-10-29-x-xinhua", "中共中央政治局常委王沪宁参加谈话。习近平首先表示祝贺。" * 2)
    assert rows(a, b) == []


def test_reports_of_two_events_are_not_versions():
    assert rows(doc("2013-10-23-x-cctv", BODY), doc("2018-10-29-x-cctv", BODY.replace("，", "、"))) == []


def _line_and_column(raw: str, offset: int) -> tuple[int, int]:
    """1-based line, 0-based character in the line (as the README counts)."""
    line = raw.count("\n", 0, offset) + 1
    return line, offset - (raw.rfind("\n", 0, offset) + 1)


def test_the_2018_readouts_differ_in_exactly_the_three_known_places(release):
    """As listed in the sources' README: CCTV's source tag on line 1; line 6,
    character 193, 、 where Xinhua has ，; Xinhua's [bookmark: _GoBack] on
    line 12 (a file artifact)."""
    c = real_corpus(release)
    got = list(versions.align(c))
    assert [(r["doc_id_a"], r["doc_id_b"]) for r in got] == [("2018-10-29-acftu-talk-cctv",
                                                              "2018-10-29-acftu-talk-xinhua")] * 3
    cctv, xinhua = c["2018-10-29-acftu-talk-cctv"].raw, c["2018-10-29-acftu-talk-xinhua"].raw
    tag, comma, bookmark = got
    assert (tag["op"], tag["text_a"], _line_and_column(cctv, tag["char_start_a"])) == (
        "delete", "央视网消息（新闻联播）：", (1, 0))
    assert (comma["op"], comma["text_a"], comma["text_b"]) == ("replace", "、", "，")
    assert _line_and_column(cctv, comma["char_start_a"])[0] == 6
    assert _line_and_column(xinhua, comma["char_start_b"]) == (6, 193)
    assert (bookmark["op"], bookmark["text_b"], bookmark["artifact"]) == ("insert", "[bookmark: _GoBack]", True)
    assert _line_and_column(xinhua, bookmark["char_start_b"])[0] == 12
    assert bookmark["sentence_id_b"] is None  # the artifact is in no sentence


@pytest.mark.parametrize("rule", versions.DIFFERENCE_RULES, ids=lambda r: r.name)
def test_every_difference_rule_decides_its_examples_and_not_its_counter_examples(rule):
    assert rule.description and rule.examples and rule.counter_examples
    for a, b, artifact in rule.examples:
        assert versions.classify(a, b, artifact) == rule.name, (a, b)
    for a, b, artifact in rule.counter_examples:
        assert versions.classify(a, b, artifact) != rule.name, (a, b)


def test_the_2018_differences_are_a_source_tag_a_mark_and_a_file_artifact(release):
    got = [r["difference"] for r in versions.align(real_corpus(release))]
    assert got == ["source_tag", "punctuation", "file_artifact"]
