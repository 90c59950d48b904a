"""The people registry: reading and checking corpus/persons.toml, the forms
that name a person, positions on a date, and the stub and near-miss hints."""
from acftu_talks import people

import importlib.util
from pathlib import Path

# the small registry the participant tests use (tests/rules/test_participants.py)
_spec = importlib.util.spec_from_file_location("participant_cases", Path(__file__).parent / "rules" / "test_participants.py")
_cases = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_cases)
REGISTRY, registry = _cases.REGISTRY, _cases.registry


def test_a_title_alias_names_only_the_documents_speaker(tmp_path):
    people, _ = registry(tmp_path)
    assert people.surface_forms("习近平")["总书记"] == "习近平"
    assert "总书记" not in people.surface_forms("王东明")
    assert people.surface_forms(None)["习近平同志"] == "习近平"


def test_the_same_person_defined_twice_is_an_error(tmp_path):
    twice = REGISTRY + '''
[[person]]
person_id = "zhang-gong"
name = "张工"
name_en = "Zhang Gong"
pinyin = "Zhāng Gōng"
kind = "union_official"

[[person]]
person_id = "wang-dong-ming"
name = "王东明"
name_en = "Wang Dongming"
pinyin = "Wáng Dōngmíng"
kind = "union_official"
'''
    _, problems = registry(tmp_path, twice)
    assert [(p.code, p.line) for p in problems] == [("people.duplicate", 60), ("people.duplicate", 67)]
    assert "person_id 'zhang-gong' is defined twice (first at line 42)" in problems[0].message
    assert "'王东明' already names wang-dongming (its name, line 35)" in problems[1].message


def test_a_registry_entry_that_breaks_the_schema_names_its_line(tmp_path):
    _, problems = registry(tmp_path, '[[person]]\nperson_id = "Xi Jinping"\nname = "习近平"\n')
    codes = sorted({(p.code, p.line) for p in problems})
    assert codes == [("people.schema", 1), ("people.schema", 2)]


def test_positions_on_a_date_with_partial_start_and_end(tmp_path):
    people, _ = registry(tmp_path)
    person = {"kind": "leader", "positions": [
        {"title": "a", "start": "2018-03", "end": "2020-07"}, {"title": "b", "start": "2020", "end": "2020"},
        {"title": "c"}]}
    held = lambda date: [p["title"] for p in people.positions_on(person, date)]
    assert held("2018-03-01") == ["a"]
    assert held("2018-02-28") == []
    assert held("2020-07-31") == ["a", "b"]
    assert held("2020-08-01") == ["b"]
    assert held("2021-01-01") == []


def test_the_real_registry_reads_without_problems():
    from conftest import CORPUS, ROOT, SCHEMA
    found, problems = people.read_registry(CORPUS, SCHEMA, ROOT)
    assert problems == []
    assert len(found.persons) == 29
    assert found.find("习近平同志")["person_id"] == "xi-jinping"
    assert found.record("xi-jinping")["wikidata"] == "Q15031"


def test_a_one_character_misspelling_is_near_a_registered_name(tmp_path):
    found, _ = registry(tmp_path)
    assert people.near(found, "王冬明") == "王东明"
    assert people.near(found, "张三") is None  # two characters: too many names differ in one
    assert people.near(found, "李四光") is None


def test_a_corpus_without_a_registry_has_an_empty_one(tmp_path):
    found, problems = people.read_registry(tmp_path, __import__("conftest").SCHEMA, tmp_path)
    assert (found.persons, problems) == ({}, [])
