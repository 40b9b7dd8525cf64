"""``analysis.placed_once``: the same places as the source's own ``locate``, asked once per place."""

from __future__ import annotations

from typing import Any

from modelcards.analysis import placed_once


def test_no_locate_stays_none() -> None:
    assert placed_once(None) is None


def test_each_place_is_asked_once_and_answered_as_the_source_answers() -> None:
    asked: list[tuple[Any, ...]] = []

    def locate(at: tuple[Any, ...]) -> tuple[int | None, int | None]:
        asked.append(at)
        return (len(at), 1) if at[0] != "nowhere" else (None, None)

    place = placed_once(locate)
    assert place is not None
    places = [("extra", "datasets", 0), ("card", "line", 2, "text"), ("extra", "datasets", 0), ("nowhere",),
              ("nowhere",)]
    assert [place(at) for at in places] == [locate(at) for at in places]
    assert asked[:3] == [("extra", "datasets", 0), ("card", "line", 2, "text"), ("nowhere",)]


def test_an_unhashable_place_is_asked_every_time() -> None:
    asked: list[tuple[Any, ...]] = []

    def locate(at: tuple[Any, ...]) -> tuple[int | None, int | None]:
        asked.append(at)
        return 7, 1

    place = placed_once(locate)
    assert place is not None
    at: tuple[Any, ...] = ("extra", ["odd"])
    assert place(at) == place(at) == (7, 1)
    assert len(asked) == 2
