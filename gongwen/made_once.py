"""Values made from their keys on first use and kept for the life of the process."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class MadeOnce(dict[K, V]):
    """Values made from their keys on first use and kept (``map(made.__getitem__, keys)`` looks a whole
    list up at C speed). With a ``bound``, the kept values are dropped once that many are kept, for keys
    that vary with the documents (memory stays flat over a batch)."""

    def __init__(self, make: Callable[[K], V], bound: int | None = None) -> None:
        super().__init__()
        self._make = make
        self._bound = bound

    def __missing__(self, key: K) -> V:
        value = self._make(key)
        if self._bound is not None and len(self) >= self._bound:
            self.clear()
        self[key] = value
        return value
