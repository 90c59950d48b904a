from acftu_talks.sidecar import key_lines, line_of

TOML = '''doc_id = "x"
title = "t"

[date]
value = "2023-02-30"

[[people]]
name = "甲"

[[people]]
name = "乙"
'''


def test_key_lines_follow_tables_and_arrays_of_tables():
    lines = key_lines(TOML)
    assert lines[("doc_id",)] == 1
    assert lines[("date", "value")] == 5
    assert lines[("people", 0, "name")] == 8
    assert lines[("people", 1, "name")] == 11


def test_line_of_falls_back_to_the_enclosing_table():
    lines = key_lines(TOML)
    assert line_of(lines, ("date", "precision")) == 4
    assert line_of(lines, ("people", 1, "name_en")) == 10
    assert line_of(lines, ("nowhere",)) is None
