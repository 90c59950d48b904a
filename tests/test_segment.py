from acftu_talks.segment import segment, inner_zero_width


def kinds(cuts):
    return [(c.kind, c.start, c.end) for c in cuts]


def test_one_paragraph_per_non_empty_line_counted_on_newlines():
    # U+2028 must not split a paragraph: editors count lines on \n only.
    raw = "第一段。\n\n第二段\u2028续。\n第三段。"
    spans, loose = segment(raw)
    assert [s.text for s in spans] == ["第一段。", "第二段\u2028续。", "第三段。"]
    assert [s.line_number for s in spans] == [1, 3, 4]
    assert [s.paragraph_number for s in spans] == [1, 2, 3]
    assert loose == []


def test_ideographic_space_indent_and_nbsp_are_recorded_edits():
    raw = "\u3000\u3000正文。\u00a0\n"
    (span,), loose = segment(raw)
    assert span.text == "正文。"
    assert raw[span.start:span.end] == span.text
    assert kinds(span.edges) == [("edge_whitespace", 0, 2), ("edge_whitespace", 5, 6)]


def test_crlf_and_bom_become_edits_and_give_the_same_texts():
    clean, _ = segment("甲。\n乙。\n")
    dirty, _ = segment("\ufeff甲。\r\n乙。\r\n")
    assert [s.text for s in dirty] == [s.text for s in clean]
    assert kinds(dirty[0].edges) == [("zero_width", 0, 1), ("carriage_return", 3, 4)]


def test_whitespace_only_line_is_one_loose_edit():
    raw = "甲。\n \u3000\n乙。"
    spans, loose = segment(raw)
    assert [s.text for s in spans] == ["甲。", "乙。"]
    assert kinds(loose) == [("blank_line", 3, 5)]
    assert loose[0].line_number == 2


def test_artifact_at_edge_shrinks_the_span_and_inner_artifact_is_cut():
    raw = "[bookmark: _GoBack]丁薛祥参加。\n前[bookmark: x]后。"
    first, second = segment(raw)[0]
    assert first.text == "丁薛祥参加。" and raw[first.start:first.end] == first.text
    assert kinds(first.edges) == [("artifact", 0, 19)]
    assert second.text == "前后。"
    assert kinds(second.inner) == [("artifact", second.start + 1, second.start + 14)]
    # text offsets map back to raw offsets across the cut
    assert [raw[second.raw_offset(i)] for i in range(len(second.text))] == list("前后。")
    assert second.raw_offset(len(second.text)) == second.end


def test_zero_width_inside_a_paragraph_is_kept_and_located():
    raw = "甲\u200b乙。"
    (span,), _ = segment(raw)
    assert span.text == raw
    assert inner_zero_width(span) == [1]


def test_every_character_is_accounted_for():
    raw = "\ufeff\u3000标题\r\n \r\n[bookmark: a]正[bookmark: b]文。 \r\n"
    spans, loose = segment(raw)
    covered = set()
    for s in spans:
        covered |= {s.raw_offset(i) for i in range(len(s.text))}
        for c in s.edges + s.inner:
            covered |= set(range(c.start, c.end))
    for c in loose:
        covered |= set(range(c.start, c.end))
    rest = [raw[i] for i in range(len(raw)) if i not in covered]
    assert set(rest) == {"\n"}


def test_every_zero_width_character_inside_a_paragraph_is_found_at_its_raw_offset():
    from acftu_talks.segment import ZERO_WIDTH
    for char in sorted(ZERO_WIDTH):
        # an artifact before it shifts the raw offsets; the character stays, twice
        raw = f"要[bookmark: _GoBack]团{char}结{char}。\n"
        spans, _ = segment(raw)
        (span,) = spans
        assert inner_zero_width(span) == [i for i, c in enumerate(raw) if c == char], repr(char)
