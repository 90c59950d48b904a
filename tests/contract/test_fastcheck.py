"""The compiled validator never accepts what python-jsonschema rejects, so
validation with it (fast yes, python-jsonschema for every no) decides exactly
as python-jsonschema alone, on the project's schemas and on bad records."""
from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from acftu_talks import pipeline, read
from acftu_talks.contract import fastcheck, validate
from acftu_talks.contract import schemas
from acftu_talks.contract.records import CONFIGS

from conftest import CORPUS, ROOT, SCHEMA

pytestmark = pytest.mark.skipif(fastcheck.jsonschema_rs is None, reason="jsonschema-rs not installed")

BAD_VALUES = [None, "", "x", "x\n", "2023-02-30", "2023-2-3", "2023-02-28\n", "２０２３-０２-２８",
              "2018-10-29-ACFTU-talk", "2018-10-29-acftu-talk\n", "2018-10-29-acftu-talk.p01", "0000-01-01", "0000-02-30", "0000-12-31",
              "corpus/a/b.txt", "0" * 63, "g" * 64, 0, -1, 1.0, 1.5, True, [], {}, ["x"], [{}], {"x": 1}]


def _real_instances() -> dict[str, list]:
    """Valid instances for every schema: the real corpus's sidecars and records."""
    problems: list = []
    pairs, _ = read.list_pairs(CORPUS, ROOT)
    found = {"sidecar.schema.json": [read.read_source(t, m, ROOT)[0].meta for t, m in pairs]}
    for built in pipeline.iter_built(CORPUS, SCHEMA, ROOT, problems):
        for name, config in CONFIGS.items():
            schema_file = config.schema_file
            rows = built.paragraphs if name == "paragraphs" else [built.document] if name == "documents" else []
            found.setdefault(schema_file, []).extend(rows)
    return found


def _mutations(instance):
    """Every value in ``instance`` replaced by each bad value, deleted, and an
    unknown key added, at every level of nesting."""
    yield instance
    if isinstance(instance, dict):
        yield {**instance, "unexpected_field": "x"}
        for key, value in instance.items():
            for bad in BAD_VALUES:
                yield {**instance, key: bad}
            yield {k: v for k, v in instance.items() if k != key}
            if isinstance(value, (dict, list)) and value:
                for inner in _mutations(value):
                    yield {**instance, key: inner}
    elif isinstance(instance, list) and instance:
        yield from ([inner] + instance[1:] for inner in _mutations(instance[0]))


def _cases():
    for schema_file, instances in sorted(_real_instances().items()):
        seen = set()
        for instance in instances[:3]:
            for case in _mutations(copy.deepcopy(instance)):
                key = json.dumps(case, sort_keys=True, ensure_ascii=False, default=str)
                if key not in seen:
                    seen.add(key)
                    yield schema_file, case


CASES = list(_cases())


def test_cases_cover_both_answers():
    answers = {_reference(f).is_valid(c) for f, c in CASES}
    assert answers == {True, False} and len(CASES) > 1000


def _reference(schema_file: str) -> Draft202012Validator:
    """The exact validator, which decides: python-jsonschema, formats on,
    integers without a decimal point."""
    return validate.validator(str(SCHEMA / schema_file))


def _plain(schema_file: str) -> Draft202012Validator:
    schema = json.loads((SCHEMA / schema_file).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker(), registry=schemas.registry(str(SCHEMA)))


def test_the_exact_validator_is_python_jsonschema_but_for_integers_written_as_floats():
    plain = _plain("paragraph.schema.json")
    same = [c for f, c in CASES if f == "paragraph.schema.json"
            and "1.0" not in json.dumps(c) and plain.is_valid(c) != _reference(f).is_valid(c)]
    assert same == []
    record = _real_instances()["paragraph.schema.json"][0]
    assert plain.is_valid({**record, "paragraph_number": 2.0})
    assert not _reference("paragraph.schema.json").is_valid({**record, "paragraph_number": 2.0})


@pytest.mark.parametrize("schema_file", sorted({f for f, _ in CASES}))
def test_fast_yes_implies_jsonschema_yes(schema_file):
    fast = fastcheck.accepter(str(SCHEMA / schema_file))
    reference = _reference(schema_file)
    wrong = [c for f, c in CASES if f == schema_file and fast(c) and not reference.is_valid(c)]
    assert wrong == []


@pytest.mark.parametrize("schema_file", sorted({f for f, _ in CASES}))
def test_fast_answers_match_jsonschema_except_known_cases(schema_file):
    """Where the two differ at all, the fast path declined: Python's `$`
    matching before a final newline, a date-shaped string of year 0000, a
    float (python-jsonschema then has the last word)."""
    fast = fastcheck.accepter(str(SCHEMA / schema_file))
    reference = _reference(schema_file)
    differ = [c for f, c in CASES if f == schema_file and fast(c) != reference.is_valid(c)]
    known = re.compile(r'\\n"|"[0-9]{4}-[0-9]{2}-[0-9]{2}"|: -?[0-9]+\.[0-9]+[,}\]]')
    assert all(known.search(json.dumps(c, ensure_ascii=False, default=str)) for c in differ)
    assert all(not fast(c) for c in differ)


def test_check_records_decides_as_jsonschema(tmp_path):
    for schema_file in sorted({f for f, _ in CASES} - {validate.SIDECAR_SCHEMA}):
        reference = _reference(schema_file)
        for _, case in ((f, c) for f, c in CASES if f == schema_file):
            if isinstance(case, dict):
                found = validate.check_records([case], SCHEMA / schema_file, "x", "paragraph_id")
                assert (found == []) == reference.is_valid(case)


@pytest.mark.parametrize("value, valid", [("2023-02-28", True), ("2023-02-30", False), ("2024-02-29", True),
                                           ("2023-13-01", False), ("2023-2-28", False), ("0000-01-01", False),
                                           ("0000-02-30", False), ("0001-01-01", True), ("9999-12-31", True)])
def test_dates_are_checked_for_real(value, valid):
    fast = fastcheck.accepter(str(SCHEMA / "paragraph.schema.json"))
    record = _real_instances()["paragraph.schema.json"][0]
    assert fast({**record, "date": value}) is valid
    assert _reference("paragraph.schema.json").is_valid({**record, "date": value}) is valid


def test_the_compiled_validator_alone_would_take_year_zero_so_the_fast_path_declines():
    """The reason for _doubtful: without it a build would take 0000-01-01
    (validate said ok, the Parquet writer crashed)."""
    import jsonschema_rs
    schema = json.loads((SCHEMA / "paragraph.schema.json").read_text(encoding="utf-8"))
    record = _real_instances()["paragraph.schema.json"][0]
    compiled = jsonschema_rs.validator_for(schema, validate_formats=True,
                                           registry=schemas.rs_registry(str(SCHEMA)))
    assert compiled.is_valid({**record, "date": "0000-01-01"})
    assert compiled.is_valid({**record, "paragraph_number": 2.0})
    fast = fastcheck.accepter(str(SCHEMA / "paragraph.schema.json"))
    assert not fast({**record, "date": "0000-01-01"}) and not fast({**record, "paragraph_number": 2.0})


def test_values_json_cannot_hold_are_left_to_jsonschema():
    import datetime as dt
    fast = fastcheck.accepter(str(SCHEMA / "paragraph.schema.json"))
    record = _real_instances()["paragraph.schema.json"][0]
    assert fast({**record, "date": dt.date(2023, 2, 28)}) is False
    assert validate.check_records([{**record, "date": dt.date(2023, 2, 28)}],
                                  SCHEMA / "paragraph.schema.json", "x", "paragraph_id") != []


class _Text(str):
    pass


@pytest.mark.parametrize("value, plain", [
    ({"a": "2023-02-28", "b": [1, True, None, {"c": "x"}]}, True),
    ({"a": "0000-01-01"}, False), ({"a": ["2023-02-30"]}, False), ({"a": {"b": 2.0}}, False), (1.5, False),
    ({"a": _Text("x")}, False), ({"a": (1, 2)}, False), ("2023-02-28", True), ([], True),
])
def test_plain_values_are_told_apart_from_what_the_two_walks_judge(value, plain):
    assert fastcheck._plain(value) is plain


def test_a_plain_value_is_what_the_two_walks_pass():
    # on every real record and every mutation of it: plain implies neither
    # doubtful nor holding a whole float, so the shortcut answers as they do
    seen = {True: 0, False: 0}
    for _, case in CASES:
        plain = fastcheck._plain(case)
        seen[plain] += 1
        if plain:
            assert not fastcheck._doubtful(case) and fastcheck._nudge(case) is None
    assert seen[True] and seen[False]


def _plain_walk(value) -> bool:
    """The plain-JSON test as one stack walk, building nothing else: the
    reference for the recursive one."""
    import datetime as dt
    stack = [value]
    while stack:
        v = stack.pop()
        if type(v) is str:
            if len(v) == 10 and fastcheck._DATE_SHAPE.fullmatch(v):
                try:
                    dt.date.fromisoformat(v)
                except ValueError:
                    return False
        elif type(v) is dict:
            stack.extend(v.values())
        elif type(v) is list:
            stack.extend(v)
        elif type(v) is not int and type(v) is not bool and v is not None:
            return False
    return True


def test_plain_is_the_walk_on_real_mutated_and_random_values():
    import random
    rng = random.Random(7)
    leaves = ["2023-02-28", "2023-02-30", "0000-01-01", "2023-2-28x", "x", "", 0, 2, True, None, 2.0, 1.5,
              _Text("2023-02-28"), (1,), b"2023-02-28"]

    def value(depth: int):
        if depth and rng.random() < 0.3:
            return {f"k{i}": value(depth - 1) for i in range(rng.randint(0, 4))}
        if depth and rng.random() < 0.3:
            return [value(depth - 1) for _ in range(rng.randint(0, 4))]
        return rng.choice(leaves)
    cases = [case for _, case in CASES] + [value(4) for _ in range(3000)]
    for _ in range(2):  # and again, with the days seen the first time known
        assert [fastcheck._plain(c) for c in cases] == [_plain_walk(c) for c in cases]


def test_a_list_is_accepted_exactly_when_each_of_its_items_is():
    """The one question about a list answers as the questions about each
    item together: every real and mutated case alone, and random lists of
    them (mostly valid, some with one bad item)."""
    import random
    pick = random.Random(13)
    by_schema: dict[str, list] = {}
    for schema_file, case in CASES:
        by_schema.setdefault(schema_file, []).append(case)
    problems: list = []
    sentences = [s for built in pipeline.iter_built(CORPUS, SCHEMA, ROOT, problems) for s in built.sentences]
    by_schema["sentence.schema.json"] = [case for s in sentences[:2] for case in _mutations(copy.deepcopy(s))]
    by_schema["sentence.schema.json"] += sentences
    for schema_file, cases in by_schema.items():
        one = fastcheck.accepter(str(SCHEMA / schema_file))
        every = fastcheck.list_accepter(str(SCHEMA / schema_file))
        assert every is not None, schema_file
        verdicts = [one(case) for case in cases]
        assert [every([case]) for case in cases] == verdicts, schema_file
        good = [case for case, ok in zip(cases, verdicts) if ok]
        bad = [case for case, ok in zip(cases, verdicts) if not ok]
        assert good and bad
        for _ in range(200):
            items = pick.sample(good, min(len(good), pick.randint(1, 6)))
            if pick.random() < 0.5:
                items.insert(pick.randint(0, len(items)), pick.choice(bad))
            assert every(items) == all(one(item) for item in items)
