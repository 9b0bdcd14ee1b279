"""Character spans looked up by position in logarithmic time, so that stages asking "does this overlap what is
taken?" or "what lies in this sentence?" stay linear in the length of a long report (a scan of every span for
every question is quadratic: minutes on a 300,000-character UN report).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")


class SpanIndex:
    """A fixed set of (start, end) spans, overlapping or not: does a span overlap any of them?"""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self._starts = [s for s, _e in ordered]
        # the furthest end among the spans that start at or before each one
        self._reach = list(accumulate((e for _s, e in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        """As `any(s < end and start < e for s, e in spans)`."""
        n = bisect_left(self._starts, end)  # the spans with s < end
        return n > 0 and self._reach[n - 1] > start

    def __len__(self) -> int:
        return len(self._starts)


class Taken:
    """Spans claimed one after another, none overlapping another: does a new span overlap one of them?"""

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []

    def overlaps(self, start: int, end: int) -> bool:
        """As `any(s < end and start < e for s, e in taken)`. Spans that do not overlap, sorted, also have
        their ends in order: the last one starting before `end` reaches furthest."""
        n = bisect_left(self._spans, (end, float("-inf")))  # the spans with s < end
        return n > 0 and self._spans[n - 1][1] > start

    def add(self, start: int, end: int) -> None:
        insort(self._spans, (start, end))


class ByStart(Generic[T]):
    """Items with a start offset: those starting in [start, end), in their original order."""

    def __init__(self, items: Sequence[T], start_of: Callable[[T], int]):
        self._items = items
        order = sorted(range(len(items)), key=lambda i: start_of(items[i]))
        self._order = order
        self._starts = [start_of(items[i]) for i in order]

    def within(self, start: int, end: int) -> list[T]:
        """As `[x for x in items if start <= start_of(x) < end]`."""
        lo, hi = bisect_left(self._starts, start), bisect_left(self._starts, end)
        return [self._items[i] for i in sorted(self._order[lo:hi])]


def count_at_or_before(positions: Sequence[int], offset: int) -> int:
    """As `sum(1 for p in positions if p <= offset)`, for sorted positions."""
    return bisect_right(positions, offset)
