"""layout.py: the release's file names, declared once."""
from acftu_talks.contract import layout
from acftu_talks.contract.layout import Inputs


def test_shard_and_data_names():
    assert layout.shard_name(0, 1) == "train-00000-of-00001.parquet"
    assert layout.shard_name(2, 13) == "train-00002-of-00013.parquet"
    assert layout.data_folder("sentences") == "data/sentences"
    assert layout.data_pattern("sentences") == "data/sentences/train-*.parquet"


def test_data_files_are_the_configs_shards_in_order(tmp_path):
    folder = tmp_path / "data" / "paragraphs"
    folder.mkdir(parents=True)
    for name in ("train-00001-of-00002.parquet", "train-00000-of-00002.parquet", "notes.txt"):
        (folder / name).write_text("", encoding="utf-8")
    assert [p.name for p in layout.data_files(tmp_path, "paragraphs")] == \
        ["train-00000-of-00002.parquet", "train-00001-of-00002.parquet"]


def test_repository_files_come_from_the_root(tmp_path):
    (tmp_path / "LICENSE").write_text("MIT", encoding="utf-8")
    inputs = Inputs(tmp_path, tmp_path / "corpus", tmp_path / "schema")
    assert inputs.repository_file("LICENSE") == tmp_path / "LICENSE"
    assert inputs.repository_file("RIGHTS.md") is None
    assert set(layout.COPIED) == {"RIGHTS.md", "LICENSE", "CHANGELOG.md"}
