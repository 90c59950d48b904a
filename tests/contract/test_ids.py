import hashlib
import json
import re

from acftu_talks import cli
from acftu_talks.contract import ids
from conftest import ROOT, build_args

DOC = "2018-10-29-acftu-talk-xinhua"


def insert_paragraph(corpus, after_line: int, text: str) -> None:
    """Change the raw text (and its pinned checksum) so that ids shift."""
    path = corpus / f"{DOC}.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(after_line, text)
    data = "\n".join(lines).encode("utf-8")
    path.write_bytes(data)
    meta = corpus / f"{DOC}.toml"
    meta.write_text(re.sub(r'source_sha256 = "[0-9a-f]+"',
                           f'source_sha256 = "{hashlib.sha256(data).hexdigest()}"',
                           meta.read_text(encoding="utf-8")), encoding="utf-8")


def test_the_real_corpus_matches_its_lock(corpus_copy, capsys):
    assert cli.main(["ids", "--corpus", str(corpus_copy)]) == 0
    assert "ok: all" in capsys.readouterr().out


def test_renumbered_ids_fail_the_build_until_the_change_is_recorded(corpus_copy, tmp_path, capsys):
    insert_paragraph(corpus_copy, 1, "中共中央政治局委员参加集体谈话。")
    out = tmp_path / "release"
    assert cli.main(build_args(corpus_copy, out)) == 1
    err = capsys.readouterr().err
    first = next(n for n, line in enumerate((ROOT / "corpus" / "ids.lock.tsv").read_text(encoding="utf-8").split("\n"), 1)
                 if line.startswith(f"{DOC}.p002\t"))  # the first id that moved
    assert (f"ids.lock.tsv:{first}: error: {DOC}: 47 pinned id(s) changed: .p002 -> .p003, "
            ".p002.s01 -> .p003.s01, .p003 -> .p004 and 44 more [ids.changed]") in err
    assert "ids --accept" in err
    assert not out.exists()

    assert cli.main(["ids", "--corpus", str(corpus_copy), "--accept"]) == 2  # a reason is required
    assert cli.main(["ids", "--corpus", str(corpus_copy), "--accept", "--reason", "a line was restored"]) == 0
    changes = ids.read_changes(corpus_copy)
    mapping = {c["old_id"]: c["new_id"] for c in changes}
    # the old p002 moved to p003, ..., the old p012 to p013
    assert mapping[f"{DOC}.p002"] == f"{DOC}.p003"
    assert mapping[f"{DOC}.p012"] == f"{DOC}.p013"
    assert mapping[f"{DOC}.p002.s01"] == f"{DOC}.p003.s01"
    assert {c["reason"] for c in changes} == {"a line was restored"}
    assert f"{DOC}.p001" not in mapping  # unchanged ids are not listed

    assert cli.main(build_args(corpus_copy, out)) == 0
    shipped = json.loads((out / "id_changes.json").read_text(encoding="utf-8"))
    assert shipped["changes"] == changes


def test_a_new_document_is_not_a_change_but_is_flagged_until_pinned(corpus_copy, capsys):
    lock = ids.read_lock(corpus_copy)
    kept = {i: d for i, d in lock.items() if not i.startswith("2023-")}
    ids.write_lock(corpus_copy, kept)
    assert cli.main(["ids", "--corpus", str(corpus_copy)]) == 1
    assert "2023-10-23-acftu-talk-qiushi: not pinned yet" in capsys.readouterr().out
    assert cli.main(["validate", "--corpus", str(corpus_copy)]) == 0
    assert "[ids.unlocked]" in capsys.readouterr().err


def test_diff_maps_moved_texts_and_marks_gone_ones():
    lock = {"2020-01-01-a-x.p001": "h1", "2020-01-01-a-x.p002": "h2", "2020-01-01-b-x.p001": "h9"}
    current = {"2020-01-01-a-x.p001": "h0", "2020-01-01-a-x.p002": "h1", "2020-01-01-a-x.p003": "h2"}
    # document b was not rebuilt: its ids are not changes
    assert ids.diff(lock, current) == [("2020-01-01-a-x.p001", "2020-01-01-a-x.p002"),
                                       ("2020-01-01-a-x.p002", "2020-01-01-a-x.p003")]
    assert ids.diff({"2020-01-01-a-x.p004": "h4"}, current) == [("2020-01-01-a-x.p004", None)]
