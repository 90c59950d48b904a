"""Agreement between the two sentence annotations: the kappa arithmetic on
hand-worked examples, the join on offsets, and the command."""
from __future__ import annotations

import pytest

from acftu_talks import agreement, cli
from acftu_talks.errors import InputError
from conftest import ROOT


def test_kappa_two_categories_worked_by_hand():
    # 10 sentences: both annotators say A 6 times and B 4 times; they agree
    # on 5 A and 3 B.  p_o = 8/10 = 0.8;  p_e = (6*6 + 4*4) / 100 = 0.52;
    # kappa = (0.8 - 0.52) / (1 - 0.52) = 0.28 / 0.48 = 7/12 = 0.58333...
    pairs = [("A", "A")] * 5 + [("A", "B")] + [("B", "B")] * 3 + [("B", "A")]
    assert agreement.kappa(pairs) == pytest.approx(7 / 12)


def test_kappa_three_categories_with_different_marginals_worked_by_hand():
    # first: x x y z (x 2, y 1, z 1); second: x y y z (x 1, y 2, z 1).
    # p_o = 3/4;  p_e = (2*1 + 1*2 + 1*1) / 16 = 5/16;
    # kappa = (12/16 - 5/16) / (11/16) = 7/11 = 0.63636...
    pairs = [("x", "x"), ("x", "y"), ("y", "y"), ("z", "z")]
    assert agreement.kappa(pairs) == pytest.approx(7 / 11)


def test_kappa_is_one_for_full_agreement_and_undefined_for_a_single_category():
    assert agreement.kappa([("a", "a"), ("b", "b")]) == 1
    # p_e = 1: chance alone explains the agreement, kappa is 0/0
    assert agreement.kappa([("a", "a"), ("a", "a")]) is None
    assert agreement.kappa([]) is None


def test_kappa_below_zero_when_agreement_is_worse_than_chance():
    # p_o = 0, p_e = (1*1 + 1*1) / 4 = 0.5: kappa = -0.5 / 0.5 = -1
    assert agreement.kappa([("a", "b"), ("b", "a")]) == pytest.approx(-1)


HEADER_1 = "# first\ndoc_id\tparagraph_number\tsentence_number\tchar_start\tchar_end\tsegment_type\tspeech_mode\tspeaker\ttext\n"


def write(path, header, rows):
    path.write_text(header + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_rows_join_on_offsets_not_on_sentence_numbers(tmp_path):
    # the first numbers sentences within the paragraph, the second through the document
    first = write(tmp_path / "a.tsv", HEADER_1, [
        ("d", "1", "1", "0", "5", "body", "narration", "", "甲乙丙丁。"),
        ("d", "2", "1", "6", "9", "body", "reported", "习近平", "戊己。"),
        ("d", "2", "2", "9", "12", "body", "reported", "习近平", "庚辛。")])
    second = write(tmp_path / "b.tsv", HEADER_1, [
        ("d", "1", "1", "0", "5", "body", "narration", "", "甲乙丙丁。"),
        ("d", "2", "2", "6", "9", "body", "direct", "习近平", "戊己。"),
        ("d", "2", "3", "9", "11", "body", "reported", "习近平", "庚辛")])
    result = agreement.compare(agreement.read_annotation(first), agreement.read_annotation(second))
    by_label = {r.label: r for r in result.labels}
    assert by_label["speech_mode"].n == 2 and by_label["speech_mode"].agreed == 1
    assert [(d.key, d.label, d.first, d.second) for d in result.disagreements] == [
        (("d", 6, 9), "speech_mode", "reported", "direct")]
    assert result.only_first == [("d", 9, 12)] and result.only_second == [("d", 9, 11)]


def test_a_duplicate_sentence_and_a_bad_offset_are_reported_with_their_lines(tmp_path):
    bad = write(tmp_path / "bad.tsv", HEADER_1, [
        ("d", "1", "1", "0", "5", "body", "narration", "", "甲乙丙丁。"),
        ("d", "1", "1", "0", "5", "body", "narration", "", "甲乙丙丁。"),
        ("d", "1", "2", "x", "9", "body", "narration", "", "戊己。")])
    with pytest.raises(InputError) as exc:
        agreement.read_annotation(bad, "bad.tsv")
    assert [p.render().split("\n")[0] for p in exc.value.problems] == [
        "bad.tsv:4: error: char_start: sentence d 0-5 is listed twice [agreement.duplicate]",
        "bad.tsv:5: error: char_start: offsets must be integers, got 'x', '9' [agreement.offset]"]


def test_the_two_gold_annotations_disagree_only_on_the_first_person_congratulation(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert cli.main(["agreement"]) == 0
    out = capsys.readouterr().out
    assert "segment_type    185     185     1.000    1.000" in out
    assert "speaker         185     185     1.000    1.000" in out
    assert "disagreements: 2\n" in out
    # both 2018 readouts: "我代表党中央，……致以诚挚问候。", reported (first) and direct (second)
    assert "2018-10-29-acftu-talk-cctv 336-403 speech_mode: first reported, second direct: 我代表党中央" in out
    assert "2018-10-29-acftu-talk-xinhua 324-391 speech_mode: first reported, second direct: 我代表党中央" in out


def test_speech_mode_kappa_of_the_gold_files_matches_the_hand_count():
    first = agreement.read_annotation(ROOT / agreement.FIRST)
    second = agreement.read_annotation(ROOT / agreement.SECOND)
    result = {r.label: r for r in agreement.compare(first, second).labels}["speech_mode"]
    # marginals counted from the files: 2 sentences move from reported (first) to direct (second)
    n = len(first)
    firsts = [r["speech_mode"] for r in first.values()]
    counts1 = {m: firsts.count(m) for m in set(firsts)}
    counts2 = dict(counts1, reported=counts1["reported"] - 2, direct=counts1["direct"] + 2)
    p_e = sum(counts1[m] * counts2[m] for m in counts1) / n ** 2
    assert result.agreed == n - 2
    assert result.kappa == pytest.approx(((n - 2) / n - p_e) / (1 - p_e))


def test_missing_file_and_missing_column_exit_1(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.tsv", "doc_id\tchar_start\tchar_end\ttext\n", [])
    assert cli.main(["agreement", "--first", "a.tsv", "--second", "nope.tsv"]) == 1
    err = capsys.readouterr().err
    assert "a.tsv:1: error: header: missing column(s): segment_type, speech_mode, speaker [agreement.missing-column]" in err
    assert "nope.tsv: error: file: no such file [agreement.missing-file]" in err


from hypothesis import given, strategies as st

LABEL_PAIRS = st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from("abc")), min_size=1, max_size=40)


@given(LABEL_PAIRS)
def test_kappa_is_symmetric_and_at_most_one(pairs):
    k = agreement.kappa(pairs)
    assert k == agreement.kappa([(b, a) for a, b in pairs]) or (
        k is not None and k == pytest.approx(agreement.kappa([(b, a) for a, b in pairs])))
    if k is not None:
        assert -1 - 1e-9 <= k <= 1 + 1e-9


@given(st.lists(st.sampled_from("abc"), min_size=1, max_size=40))
def test_kappa_of_identical_annotations_is_one_unless_one_category(labels):
    k = agreement.kappa([(x, x) for x in labels])
    assert k is None if len(set(labels)) == 1 else k == pytest.approx(1)
