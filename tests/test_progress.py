"""Progress lines: their wording, and silence when stderr is not a terminal."""
from __future__ import annotations

import io

import pytest

from acftu_talks import progress
from acftu_talks.progress import Progress, format_line


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("documents, total, paragraphs, elapsed, expected", [
    (100, 400, 3000, 10.0, "documents 100/400 (25%), paragraphs 3,000, 300 paragraphs/s, about 30 s left"),
    (1, 1000, 30, 2.0, "documents 1/1,000 (0%), paragraphs 30, 15 paragraphs/s, about 33 min 18 s left"),
    (10, 100_000, 300, 3.6, "documents 10/100,000 (0%), paragraphs 300, 83 paragraphs/s, about 9 h 59 min left"),
    (400, 400, 12000, 4.0, "documents 400/400 (100%), paragraphs 12,000, 3,000 paragraphs/s"),
    (5, None, 150, 3.0, "documents 5, paragraphs 150, 50 paragraphs/s"),
    (0, 10, 0, 0.0, "documents 0/10 (0%), paragraphs 0"),
])
def test_format_line(documents, total, paragraphs, elapsed, expected):
    assert format_line(documents, total, paragraphs, elapsed) == expected


def test_quiet_when_not_a_terminal():
    stream, clock = io.StringIO(), Clock()
    bar = Progress(stream, total=10, clock=clock)
    for _ in range(10):
        clock.now += 5
        bar.update(3)
    bar.close()
    assert stream.getvalue() == ""
    assert (bar.documents, bar.paragraphs) == (10, 30)


def test_quiet_for_short_builds():
    stream, clock = Tty(), Clock()
    bar = Progress(stream, total=3, clock=clock)
    for _ in range(3):
        clock.now += (progress.DELAY - 0.1) / 3
        bar.update(1)
    bar.close()
    assert stream.getvalue() == ""


def test_redraws_one_line_on_a_terminal_and_clears_it():
    stream, clock = Tty(), Clock()
    bar = Progress(stream, total=4, clock=clock)
    clock.now = progress.DELAY
    bar.update(10)
    clock.now += progress.INTERVAL / 2
    bar.update(10)  # too soon after the last redraw
    clock.now += progress.INTERVAL
    bar.update(10)
    drawn = stream.getvalue()
    assert drawn.count("\r") == 2 and "\n" not in drawn
    assert drawn.split("\r")[-1].strip() == format_line(3, 4, 30, clock.now)
    bar.close()
    assert stream.getvalue()[len(drawn):].strip() == ""
    assert stream.getvalue().endswith("\r")
