"""StderrProgress: a live count on a terminal, plain lines elsewhere, first and last only
when quiet."""

from __future__ import annotations

import io

from shared.runs.progress import StderrProgress


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _run(progress: StderrProgress, clock: Clock) -> None:
    progress.begin("run R in /runs/R")
    progress.note("engagement: none")
    clock.now += 1.25
    progress.step("read_close")
    for done in (10, 20, 40):
        clock.now += 0.5
        progress.count("bank lines matched", done, 40)
    progress.step("reconcile")
    progress.end("awaiting_review: R")


def test_plain_lines_off_a_terminal_with_each_steps_time_and_count():
    stream, clock = io.StringIO(), Clock()
    _run(StderrProgress(stream, terminal=False, clock=clock), clock)
    assert stream.getvalue().splitlines() == [
        "run R in /runs/R",
        "  engagement: none",
        "  read_close                  1.2 s",
        "  reconcile                   1.5 s  40 bank lines matched",
        "awaiting_review: R (2.8 s)",
    ]


def test_a_terminal_shows_the_count_moving_and_clears_it_before_the_next_line():
    stream, clock = io.StringIO(), Clock()
    _run(StderrProgress(stream, terminal=True, clock=clock), clock)
    text = stream.getvalue()
    assert "\r  [#####...............] 10/40 bank lines matched\033[K" in text
    assert "\r  [####################] 40/40 bank lines matched\033[K\r\033[K  reconcile" in text


def test_a_count_short_of_its_total_says_of_how_many():
    stream, clock = io.StringIO(), Clock()
    progress = StderrProgress(stream, terminal=False, clock=clock)
    progress.count("names screened", 3, 7)
    progress.step("screen")
    assert stream.getvalue() == "  screen                      0.0 s  3 of 7 names screened\n"


def test_quiet_says_the_first_and_last_lines_only():
    stream, clock = io.StringIO(), Clock()
    _run(StderrProgress(stream, quiet=True, terminal=True, clock=clock), clock)
    assert stream.getvalue() == "run R in /runs/R\nawaiting_review: R (2.8 s)\n"
