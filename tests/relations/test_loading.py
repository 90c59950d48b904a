"""Both relation configs read back the way users read them: datasets,
pandas, duckdb, and the card's own query examples."""
import re

import pytest

datasets = pytest.importorskip("datasets")
duckdb = pytest.importorskip("duckdb")
pd = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def loaded(release, tmp_path_factory):
    cache = tmp_path_factory.mktemp("hf-cache-relations")
    return {name: datasets.load_dataset(str(release), name, split="train", cache_dir=str(cache))
            for name in ("alignments", "formulations")}


def test_load_dataset_reads_both_configs(loaded):
    al, forms = loaded["alignments"], loaded["formulations"]
    assert set(al["kind"]) == {"version", "paraphrase", "omitted", "added", "reuse"}
    assert sum(k == "version" for k in al["kind"]) == 3
    work = next(f for f in forms if f["text"] == "工会是职工之家")
    assert work["event_ids"] == ["2018-10-29-acftu-talk", "2023-10-23-acftu-talk"] and not work["boilerplate"]
    assert {o["doc_id"] for o in work["occurrences"]} == {
        "2018-10-29-acftu-talk-cctv", "2018-10-29-acftu-talk-xinhua", "2023-10-23-acftu-talk-qiushi"}
    # one reuse row stands for the passage: 2018 (CCTV, the first doc_id) -> 2023 (the speech text)
    reuse = [(a, b) for k, a, b, t in zip(al["kind"], al["doc_id_a"], al["doc_id_b"], al["text_a"])
             if k == "reuse" and t == "工会是职工之家"]
    assert reuse == [("2018-10-29-acftu-talk-cctv", "2023-10-23-acftu-talk-qiushi")]
    # the reverse of omitted: the readout's own sentence on the leadership's expectations
    assert "党中央对全国总工会新一届领导班子寄予殷切期望。" in {
        t for k, t in zip(al["kind"], al["text_a"]) if k == "added"}


def test_pandas_and_duckdb_see_the_same_rows(release, loaded):
    al = pd.read_parquet(release / "data" / "alignments", dtype_backend="pyarrow")
    assert len(al) == loaded["alignments"].num_rows
    counted = duckdb.sql(f"SELECT kind, count(*) FROM '{release}/data/alignments/*.parquet' GROUP BY kind").fetchall()
    assert dict(counted) == al.kind.value_counts().to_dict()
    n = duckdb.sql(f"SELECT count(*) FROM (SELECT unnest(occurrences) FROM '{release}/data/formulations/*.parquet')")
    assert n.fetchall()[0][0] == sum(len(f["occurrences"]) for f in loaded["formulations"])


def _card_examples(release):
    text = (release / "README.md").read_text(encoding="utf-8")
    section = text.split("### Querying the alignments", 1)[1]
    return (re.search(r"```python\n(.*?)```", section, re.S)[1], re.search(r"```sql\n(.*?)```", section, re.S)[1])


def test_the_cards_pandas_example_runs_and_answers_its_questions(release, monkeypatch):
    python, _ = _card_examples(release)
    monkeypatch.chdir(release)
    found = {}
    exec(compile(python, "README.md", "exec"), found)
    assert found["versions"].op.tolist() == ["delete", "replace", "insert"]
    assert found["versions"].artifact.tolist() == [False, False, True]
    assert "工会是职工之家，工会干部是职工的“娘家人”。" in found["omitted"]
    assert found["rendered"]["2023-10-23-acftu-talk-cctv.p001.s03"] == ["2023-10-23-acftu-talk-qiushi.p006.s03"]
    assert "树立大抓基层的鲜明导向" in set(found["reused"].text_a)
    assert "全心全意依靠工人阶级" in set(found["recurring"].text)
    assert "中共中央政治局常委、中央书记处书记蔡奇参加集体谈话。" in found["added"]
    assert found["wording"].difference.tolist() == ["punctuation"]


def test_the_cards_duckdb_example_runs(release, monkeypatch):
    _, sql = _card_examples(release)
    monkeypatch.chdir(release)
    rows = duckdb.sql(sql).fetchall()
    assert ("树立大抓基层的鲜明导向", "2018-10-29-acftu-talk-cctv") in {(r[0], r[1]) for r in rows}
    assert {r[3] for r in rows} <= {"direct", "reported", "narration", "none"}
