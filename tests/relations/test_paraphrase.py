"""Readout sentences and the speech-text sentences they render."""
import csv

from acftu_talks.relations import paraphrase

from relations_fixtures import ROOT, corpus, doc, real_corpus

SPEECH = ("工会工作讲起来有千条万条，最根本的一条是把广大职工群众紧密团结在党的周围，为实现党的中心任务而团结奋斗。"
          "中国式现代化是全体人民共同富裕的现代化。"
          "要健全已有的组织基础，持续推进新经济组织、新社会组织、新就业群体建会入会工作，扩大工会组织覆盖面。")
READOUT = ("中共中央政治局常委蔡奇参加集体谈话。"
           "习近平指出，要把广大职工群众紧密团结在党的周围，为实现党的中心任务而团结奋斗。"
           "要健全已有的组织基础，扩大工会组织覆盖面。"
           "习近平强调，职工群众要听党话。")


def rows():
    speech = doc("2023-10-23-x-qiushi", SPEECH, doc_type="speech_text", mode="direct")
    readout = doc("2023-10-23-x-cctv", READOUT)
    return list(paraphrase.align(corpus(readout, speech)))


def test_a_condensed_rendering_aligns_and_a_left_out_sentence_is_omitted():
    got = [(r["kind"], r["sentence_id_a"][-3:], (r["sentence_id_b"] or "")[-3:]) for r in rows()]
    assert got == [("paraphrase", "s01", "s02"), ("paraphrase", "s03", "s03"), ("omitted", "s02", ""),
                   ("added", "s01", ""), ("added", "s04", "")]


def test_what_the_readout_adds_is_side_a_with_no_side_b():
    """The attendance sentence and the stock phrase render nothing of the speech text."""
    added = [r for r in rows() if r["kind"] == "added"]
    assert [r["text_a"] for r in added] == ["中共中央政治局常委蔡奇参加集体谈话。", "习近平强调，职工群众要听党话。"]
    for r in added:
        assert r["doc_id_a"] == "2023-10-23-x-cctv" and r["doc_id_b"] == "2023-10-23-x-qiushi"
        assert r["char_start_b"] is r["text_b"] is r["sentence_id_b"] is None and 0 <= r["score"] < 0.5


def test_side_a_is_the_speech_text_and_an_omitted_row_has_no_side_b():
    for r in rows():
        if r["kind"] == "added":
            continue
        assert r["doc_id_a"] == "2023-10-23-x-qiushi" and r["doc_id_b"] == "2023-10-23-x-cctv"
        if r["kind"] == "omitted":
            assert r["char_start_b"] is r["text_b"] is r["sentence_id_b"] is None
        else:
            assert 0 < r["score"] <= 1


def test_a_shared_stock_phrase_renders_nothing():
    """职工群众 is in the last readout sentence and in the speech text: not a rendering."""
    assert all(not (r["text_b"] or "").startswith("习近平强调，职工群众要听党话") for r in rows())


def test_narration_and_other_events_render_nothing():
    speech = doc("2023-10-23-x-qiushi", SPEECH, doc_type="speech_text", mode="direct")
    narration = doc("2023-10-23-x-cctv", READOUT, mode="narration")
    other_event = doc("2018-10-29-x-cctv", READOUT)
    got = list(paraphrase.align(corpus(speech, narration, other_event)))
    # narration renders nothing, so every narration sentence is added; the other event has no speech text
    assert sum(r["kind"] == "omitted" for r in got) == 3
    assert [r["sentence_id_a"][-3:] for r in got if r["kind"] == "added"] == ["s01", "s02", "s03", "s04"]
    assert {r["doc_id_a"] for r in got if r["kind"] == "added"} == {"2023-10-23-x-cctv"}


def _gold(kind):
    with (ROOT / "tests" / "expected" / "alignments.tsv").open(encoding="utf-8") as f:
        return {(r["doc_id_a"], int(r["char_start_a"]), int(r["char_end_a"]),
                 r["doc_id_b"], int(r["char_start_b"]) if r["char_start_b"] else None)
                for r in csv.DictReader(f, delimiter="\t") if r["kind"] == kind}


def test_the_2023_readout_renders_the_speech_text_as_the_gold_set_says(release):
    got = list(paraphrase.align(real_corpus(release)))
    for kind in ("paraphrase", "omitted", "added"):
        assert {(r["doc_id_a"], r["char_start_a"], r["char_end_a"], r["doc_id_b"], r["char_start_b"])
                for r in got if r["kind"] == kind} == _gold(kind), kind
