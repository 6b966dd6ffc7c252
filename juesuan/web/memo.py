"""What a checked document's pages need and never changes: its findings as parsed rows and
each finding's place (page boxes or context lines) and its item in the page's list (by
verdict), kept in memory per server process.

A document's findings are written once, when its check finishes (``worker.save_result``),
and again only if it is checked anew, which changes its ``finished`` time; so the key is
(document id, finished) and nothing needs invalidating. Reviews change and are never kept
here. Without this, every document page parsed each finding's JSON and rendered each
finding's markup again (most of a page's CPU for a document with a hundred findings), and
made two more database round trips, each a wait for the interpreter lock under load."""

from __future__ import annotations

import itertools
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class Memo:
    """A small thread-safe LRU map. ``make`` runs outside the lock (two threads may both
    make a missing value; both results are equal, the last one is kept)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any, make: Callable[[], T]) -> T:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()
        with self._lock:
            self._items[key] = value
            if len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


FINDINGS = Memo(64)  # (doc id, finished) -> [(finding id, key, data)]
PLACES = Memo(4096)  # (doc key, finding id) -> where the finding is shown
# (doc key, finding id, verdict, current) -> the finding's item in the document page's list
ITEMS = Memo(20000)
ROWS = Memo(5000)  # every shown field of a document -> its row in the list page

_DATABASES: weakref.WeakKeyDictionary[Any, int] = weakref.WeakKeyDictionary()
_NEXT = itertools.count(1)


def database(engine: Any) -> int:
    """A number for each engine (database) this process opened, for the keys above: two
    apps in one process (tests) never share an entry. Cheaper to hash than the URL."""
    try:
        return _DATABASES[engine]
    except KeyError:
        return _DATABASES.setdefault(engine, next(_NEXT))
