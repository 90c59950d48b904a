"""How each of a document's dates was obtained."""
from __future__ import annotations

import pytest

from acftu_talks.rules.dates import date_provenance


@pytest.mark.parametrize("evidence, expected", [
    ([("p1", "习近平2023年10月23日下午讲话。")], ("stated", "p1")),
    ([("p1", "习近平23日下午讲话。"), ("p2", "※这是2023年10月23日讲话的主要部分。")], ("stated", "p2")),
    ([("p1", "习近平10月23日下午讲话。")], ("inferred", "p1")),
    ([("p1", "习近平123日讲话。"), ("p2", "习近平24日讲话。")], ("external", None)),
    ([], ("external", None)),
])
def test_date_provenance(evidence, expected):
    assert date_provenance("2023-10-23", evidence) == expected


def test_date_provenance_reads_dates_as_the_per_date_patterns_did():
    """The shared date patterns decide as a pattern compiled for each date
    (``{year}年0?{month}月0?{day}日``; ``(?<![0-9])(?:0?{month}月)?0?{day}日``)."""
    import random
    import re

    from acftu_talks.rules.dates import _stating

    def per_date(value: str, full: bool, text: str) -> bool:
        year, month, day = (int(x) for x in value.split("-"))
        pattern = rf"{year}年0?{month}月0?{day}日" if full else rf"(?<![0-9])(?:0?{month}月)?0?{day}日"
        return re.search(pattern, text) is not None

    pick = random.Random(7)
    for _ in range(20_000):
        year, month, day = pick.choice([2018, 2023, 1999, 999]), pick.randint(1, 12), pick.randint(1, 31)
        value = f"{year:04d}-{month:02d}-{day:02d}"
        if pick.random() < 0.5:
            text = "".join(pick.choice("0123456789年月日x２") for _ in range(pick.randint(0, 14)))
        else:
            text = (pick.choice(["", "x", "1", "20"]) + str(pick.choice([year, year + 1])) + "年"
                    + pick.choice(["", "0", "00"]) + str(pick.choice([month, month + 1])) + "月"
                    + pick.choice(["", "0"]) + str(pick.choice([day, day + 10])) + "日" + pick.choice(["", "1"]))
        for full in (True, False):
            assert _stating(value, full)(text) == per_date(value, full, text), (value, full, text)
