from acftu_talks.registries import read_registries
from conftest import CORPUS, ROOT, SCHEMA


def test_the_real_corpus_has_its_three_talks_and_registered_people():
    registries, problems = read_registries(CORPUS, SCHEMA, ROOT)
    assert problems == []
    assert sorted(registries.events) == ["2013-10-23-acftu-talk", "2018-10-29-acftu-talk", "2023-10-23-acftu-talk"]
    assert registries.events_path == "corpus/events.toml"
    assert registries.people.find("习近平") is not None
    assert registries.people.find("王冬明") is None  # a misspelling of 王东明 is nobody


def test_a_folder_without_events_has_none(tmp_path):
    registries, _ = read_registries(tmp_path, SCHEMA, tmp_path)
    assert registries.events == {}


def test_the_same_files_are_read_once_and_an_edited_file_anew(tmp_path, monkeypatch):
    import shutil

    from acftu_talks import people
    for name in ("events.toml", "persons.toml"):
        shutil.copyfile(CORPUS / name, tmp_path / name)
    reads = []
    real = people.read_registry
    monkeypatch.setattr(people, "read_registry", lambda *a: reads.append(a) or real(*a))
    first, _ = read_registries(tmp_path, SCHEMA, tmp_path)
    again, _ = read_registries(tmp_path, SCHEMA, tmp_path)
    assert again is first and len(reads) == 1
    text = (tmp_path / "persons.toml").read_text(encoding="utf-8")
    (tmp_path / "persons.toml").write_text(text.replace('name = "王东明"', 'name = "王冬明"', 1), encoding="utf-8")
    edited, _ = read_registries(tmp_path, SCHEMA, tmp_path)
    assert len(reads) == 2 and edited.people.find("王冬明") is not None and first.people.find("王冬明") is None
