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
