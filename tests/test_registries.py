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
