import hashlib
import json
import re

from acftu_talks import cli
from acftu_talks.contract import ids
from conftest import CORPUS, ROOT, build_args

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


def test_the_streaming_check_finds_what_the_whole_lock_check_finds(tmp_path):
    """Document by document, with the lock read back per document, the same
    problems (lines included) as comparing the whole lock with every id;
    also for a lock whose lines are not in order, and doc_ids that begin
    with one another ("a" and "a-2": "a-2.p001" sorts before "a.p001")."""
    import random

    pick = random.Random(3)
    docs = ["2020-01-01-a", "2020-01-01-a-2", "2020-01-01-b", "2020-01-01-c", "2020-01-01-gone"]
    for trial in range(40):
        lock, current = {}, {}
        for doc in docs:
            texts = [f"t{pick.randrange(6)}" for _ in range(pick.randint(1, 6))]
            for n, text in enumerate(texts, 1):
                lock[f"{doc}.p{n:03d}"] = text
                lock[f"{doc}.p{n:03d}.s01"] = text + "s"
            if doc.endswith("gone"):
                continue  # in the lock, not in the corpus
            new = list(texts)
            if pick.random() < 0.5:
                new.insert(pick.randrange(len(new) + 1), "t9")
            if pick.random() < 0.3:
                new[pick.randrange(len(new))] = "t8"
            current[doc] = {}
            for n, text in enumerate(new, 1):
                current[doc][f"{doc}.p{n:03d}"] = text
                current[doc][f"{doc}.p{n:03d}.s01"] = text + "s"
        if trial % 4 == 0:
            current["2020-01-01-new"] = {"2020-01-01-new.p001": "t1"}
        corpus = tmp_path / str(trial)
        corpus.mkdir()
        ids.write_lock(corpus, lock)
        if trial % 2:  # lines out of order: the check must not care
            lines = (corpus / ids.LOCK).read_text(encoding="utf-8").split("\n")
            body = [line for line in lines[1:] if line]
            pick.shuffle(body)
            (corpus / ids.LOCK).write_text("\n".join(lines[:1] + body) + "\n", encoding="utf-8")
        everything = {i: d for doc in sorted(current) for i, d in current[doc].items()}
        expected = ids.check(corpus, ids.read_lock(corpus), everything)
        streaming = ids.stream_check(corpus)
        for doc in sorted(current):
            streaming.add(doc, current[doc])
        assert streaming.problems() == expected


def test_runs_found_in_one_pass_are_those_found_line_by_line(tmp_path):
    """On locks of every shape the fast path takes (comments, blank lines,
    a doc_id's lines apart, ids without a ".", a last line without its line
    end), it finds the runs the loop over lines finds; a lock it does not
    take (a line without a TAB, an id opening with "." or a stray \\r) goes
    line by line."""
    import io
    import random
    pick = random.Random(11)
    pieces = [b"# a comment\n", b"\n", b"2018-a.p001\t0123456789abcdef\n", b"2018-a.p001.s01\tx\n",
              b"2018-a\ty\n", b"2018-ab.p001\tz\n", b"2018-b.p001.s02\t0\n", b"2018-a.p002\t1",
              b"2018-b\t2\n"]
    odd = [b"no tab here\n", b".p001\tx\n", b"2018-a.p003\tx\r\n", b"2018-a.p004\tx\ty\n", b"\r\n", b"\t\n"]
    taken = 0
    for trial in range(3000):
        lines = [pick.choice(pieces) for _ in range(pick.randint(0, 12))]
        if trial % 3 == 0:
            lines.insert(pick.randint(0, len(lines)), pick.choice(odd))
        data = b"".join(lines)
        by_line = ids._runs_by_line(io.BytesIO(data), tmp_path)
        if ids._PLAIN_LOCK.fullmatch(data):
            taken += 1
            assert (ids._runs(data), []) == by_line, data
    assert taken > 1000
    real = (CORPUS / ids.LOCK).read_bytes()
    assert ids._PLAIN_LOCK.fullmatch(real) and (ids._runs(real), []) == ids._runs_by_line(io.BytesIO(real), tmp_path)
