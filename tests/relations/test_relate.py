"""The relation step as a whole: order-independent, symmetric, verified."""
import dataclasses
import random

import pytest
from hypothesis import given, settings, strategies as st

from acftu_talks.relations import relate
from acftu_talks.relations.corpus import Corpus

from relations_fixtures import ROOT, doc, real_corpus


def _shuffled(corpus: Corpus, seed: int) -> Corpus:
    docs = [dataclasses.replace(d, sentences=list(d.sentences)) for d in corpus]
    rng = random.Random(seed)
    for d in docs:
        rng.shuffle(d.sentences)
    return Corpus(reversed(docs))


def test_the_same_rows_whatever_the_order_the_documents_and_sentences_are_read_in(release):
    c = real_corpus(release)
    assert relate.relate(c) == relate.relate(_shuffled(c, 1)) == relate.relate(_shuffled(c, 2))


def test_every_kind_is_found_in_the_real_corpus_and_the_ids_are_unique(release):
    rows, forms = relate.relate(real_corpus(release))
    assert {r["kind"] for r in rows} == set(relate.KINDS)
    assert len({r["alignment_id"] for r in rows}) == len(rows)
    assert len({f["formulation_id"] for f in forms}) == len(forms)


def test_pairs_are_in_a_canonical_order(release):
    """version and reuse rows put the smaller doc_id on side a, so (a, b)
    and (b, a) are never both listed; paraphrase rows put the speech text on a."""
    c = real_corpus(release)
    rows, _ = relate.relate(c)
    for r in rows:
        if r["kind"] in ("version", "reuse"):
            assert r["doc_id_a"] < r["doc_id_b"]
        elif r["kind"] == "added":  # the readout's sentence on side a
            assert c[r["doc_id_b"]].doc_type == "speech_text" != c[r["doc_id_a"]].doc_type
        else:
            assert c[r["doc_id_a"]].doc_type == "speech_text" != c[r["doc_id_b"]].doc_type
        assert r["doc_id_a"].startswith(r["event_id_a"] + "-") and r["doc_id_b"].startswith(r["event_id_b"] + "-")


def test_a_row_that_does_not_slice_out_of_the_raw_text_is_a_builder_bug(release):
    c = real_corpus(release)
    rows, forms = relate.relate(c)
    bad = dict(rows[0], char_start_a=rows[0]["char_start_a"] + 1)
    with pytest.raises(relate.RelationError, match="the row says"):
        relate.verify(c, [bad] + rows[1:], forms)
    moved = dict(forms[0], occurrences=[dict(forms[0]["occurrences"][0], char_end=forms[0]["occurrences"][0]["char_end"] - 1)])
    with pytest.raises(relate.RelationError):
        relate.verify(c, rows, [moved])
    with pytest.raises(relate.RelationError, match="duplicate"):
        relate.verify(c, rows + rows[:1], forms)


def test_the_released_rows_are_what_relate_gives(release):
    import pyarrow.parquet as pq
    rows, forms = relate.relate(real_corpus(release))
    shipped = [r for p in sorted((release / "data" / "alignments").glob("*.parquet")) for r in pq.read_table(p).to_pylist()]
    assert shipped == rows
    shipped_forms = pq.read_table(next((release / "data" / "formulations").glob("*.parquet"))).to_pylist()
    assert [f["formulation_id"] for f in shipped_forms] == [f["formulation_id"] for f in forms]
    assert shipped_forms[0]["occurrences"][0]["date"].isoformat() == forms[0]["occurrences"][0]["date"]


_PHRASES = ["坚持全心全意依靠工人阶级的根本方针", "树立大抓基层的鲜明导向", "工会是职工之家，工会干部是娘家人",
            "职工群众", "习近平强调，", "加快建设知识型、技能型、创新型产业工人大军", "甲乙丙", "，", "。"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["2013-10-23", "2018-10-29", "2023-10-23"]),
                          st.sampled_from(["news_report", "speech_text"]),
                          st.lists(st.sampled_from(_PHRASES), min_size=1, max_size=12)),
                min_size=1, max_size=5), st.randoms(use_true_random=False))
def test_rows_slice_their_texts_and_do_not_depend_on_the_reading_order(specs, rng):
    docs = [doc(f"{date}-x-d{i}", "".join(parts) + "。", doc_type=kind,
                mode="direct" if kind == "speech_text" else "reported")
            for i, (date, kind, parts) in enumerate(specs)]
    rows, forms = relate.relate(Corpus(docs))  # verify() inside raises on a bad span
    shuffled = list(docs)
    rng.shuffle(shuffled)
    assert relate.relate(Corpus(shuffled)) == (rows, forms)
    for r in rows:
        assert Corpus(docs)[r["doc_id_a"]].raw[r["char_start_a"]:r["char_end_a"]] == r["text_a"]
    assert len({r["alignment_id"] for r in rows}) == len(rows)


def test_the_card_table_says_what_recurs_from_earlier_and_what_recurs_later():
    s = "要坚持全心全意依靠工人阶级的根本方针。"
    c = Corpus([doc("2013-10-23-x-a", s + "其他。"), doc("2018-10-29-x-b", "据报道。" + s),
                doc("2023-10-23-x-c", "新话题在这里出现。")])
    _, forms = relate.relate(c)
    got = {d: (chars, ahead, back, only) for d, _, chars, ahead, back, only in relate.reused_share(c, forms)}
    n = len(s) - 1  # the passage without its full stop
    assert got["2013-10-23-x-a"] == (len(s) + 3, n, 0, len(s) + 3 - n)
    assert got["2018-10-29-x-b"] == (len(s) + 4, 0, n, len(s) + 4 - n)
    assert got["2023-10-23-x-c"] == (9, 0, 0, 9)


def test_the_release_step_writes_the_same_files_whatever_its_batch(release, tmp_path, monkeypatch):
    """write_relations makes, checks and writes the alignment and the
    formulation rows a batch at a time: batches of 7 rows give the files and
    the card's figures that one batch gives."""
    import shutil

    from acftu_talks.contract.layout import Inputs
    from acftu_talks.release.summary import Summary

    def run(batch: int):
        staging = tmp_path / f"staging-{batch}"
        for name in ("documents", "sentences"):
            shutil.copytree(release / "data" / name, staging / "data" / name)
        monkeypatch.setattr(relate, "BATCH", batch)
        summary = Summary()
        relate.write_relations(staging, summary, Inputs(ROOT, ROOT / "corpus", ROOT / "schema"))
        files = {p.relative_to(staging): p.read_bytes() for p in sorted(staging.rglob("*"))
                 if p.is_file() and ("alignments" in p.parts or "formulations" in p.parts)}
        return files, summary.relations, dict(summary.counts)

    small, large = run(7), run(10**9)
    assert small == large
    assert small[2]["alignments"] > 7 * 3  # several batches, and a last one that is not full
    shipped = {p.relative_to(release): p.read_bytes() for p in sorted((release / "data" / "alignments").rglob("*.parquet"))}
    assert {k: v for k, v in small[0].items() if "alignments" in k.parts} == shipped


def test_a_release_of_one_talk_is_scored_on_the_gold_of_its_documents(tmp_path, capsys):
    """The 2018 talk alone: its two reports' version cases are scored, and
    no paraphrase case of the 2023 speech text counts against it, in the
    card and in ``score-alignments``."""
    import csv

    from acftu_talks import cli
    from conftest import subset_release
    docs = ("2018-10-29-acftu-talk-cctv", "2018-10-29-acftu-talk-xinhua")
    release = subset_release(tmp_path, docs)
    card = (release / "README.md").read_text(encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["score-alignments", "--release", str(release), "--gold", str(ROOT / relate.GOLD)]) == 0
    table = capsys.readouterr().out.strip()
    assert table and table in card
    with (ROOT / relate.GOLD).open(encoding="utf-8", newline="") as f:
        gold = [r for r in csv.DictReader(f, delimiter="\t")
                if r["doc_id_a"] in docs and r["doc_id_b"] in docs + ("",)]
    rows = {line.split("|")[1].strip(" `"): line.split("|")[2].strip() for line in card.splitlines()
            if line.startswith("| `") and line.split("|")[1].strip(" `") in relate.KINDS}
    assert rows["version"].split()[0] == str(sum(r["kind"] == "version" for r in gold)) != "0"
    assert rows["paraphrase"] == "0"


def test_the_card_counts_formulations_in_the_singular_where_a_count_is_one():
    assert relate._formulation_counts(38, 5) == "38 formulations, of which 5 are the genre's boilerplate"
    assert relate._formulation_counts(1, 1) == "1 formulation, of which 1 is the genre's boilerplate"
    assert relate._formulation_counts(2, 0) == "2 formulations, of which 0 are the genre's boilerplate"


def test_a_row_that_does_not_verify_stops_the_build_and_leaves_the_release_as_it_was(tmp_path, monkeypatch):
    """The release step checks each row as it writes it: a reuse row one
    character off (a builder bug) raises, naming the row and both texts,
    and the release already at --out keeps every byte."""
    import hashlib

    from acftu_talks import cli
    from acftu_talks.relations import reuse
    from conftest import CORPUS, build_args

    def sums(folder):
        return {p.relative_to(folder): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(folder.rglob("*")) if p.is_file()}
    out = tmp_path / "release"
    assert cli.main(build_args(CORPUS, out)) == 0
    before = sums(out)
    made = reuse.row

    def off_by_one(*match):
        row = made(*match)
        return {**row, "char_start_a": row["char_start_a"] + 1}
    monkeypatch.setattr(reuse, "row", off_by_one)
    with pytest.raises(relate.RelationError, match=r"reuse al-[0-9a-f]{16}: .*the row says"):
        cli.main(build_args(CORPUS, out))
    assert sums(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["release"]  # no staging folder left beside it
