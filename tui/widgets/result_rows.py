"""The results table's rows: server order, the sorted view, and the indexes, kept as pages arrive.

Plain Python (no Textual); `ResultsTable` draws what this holds. A streamed page costs work in
proportion to the page, not to every row so far: it is appended to the server-order list, and
the key index and the widest key grow with it. Unsorted (the server's order) the view *is* the
server-order list, so nothing is copied; sorted, the view is sorted again (a stable sort of the
server order, as before). A row whose key is already present replaces it in place.
"""

from __future__ import annotations

from collections.abc import Iterable

from tui.models import IssueSummary
from tui.widgets.columns import Column

__all__ = ["ResultRows"]


class ResultRows:
    """Rows in server order (`source`), in the order shown (`view`), and where each key is."""

    def __init__(self) -> None:
        self.source: list[IssueSummary] = []
        self.view: list[IssueSummary] = self.source
        self.index: dict[str, int] = {}  # key -> position in `view`
        self._where: dict[str, int] = self.index  # key -> position in `source`
        self.sort_column: Column | None = None
        self.sort_reverse = False
        self.longest_key = 0

    def __len__(self) -> int:
        return len(self.view)

    def replace(self, rows: Iterable[IssueSummary]) -> None:
        """Every row anew (a new search, or a result replaced as a whole)."""
        self.source = list(rows)
        self._where = {row.key: i for i, row in enumerate(self.source)}
        self.longest_key = max((len(key) for key in self._where), default=0)
        self._sort()

    def append(self, rows: Iterable[IssueSummary]) -> int | None:
        """Add a page. Returns the first position in the view whose row changed, or None when
        nothing did (an empty page, or the same rows again)."""
        source, where = self.source, self._where
        start = len(source)
        changed = start
        for row in rows:
            at = where.get(row.key)
            if at is None:
                where[row.key] = len(source)
                source.append(row)
                if len(row.key) > self.longest_key:
                    self.longest_key = len(row.key)
            elif source[at] != row:
                source[at] = row
                changed = min(changed, at)
        if changed == len(source):
            return None
        if self.sort_column is not None:
            self._sort()
            return 0  # rows may have moved anywhere
        return changed  # unsorted, the view is `source`

    def update(self, rows: Iterable[IssueSummary]) -> bool:
        """Replace the rows of these issues wherever they are; False when none is here."""
        fresh = {row.key: row for row in rows}
        hits = [i for i, row in enumerate(self.source) if row.key in fresh]
        for i in hits:
            self.source[i] = fresh[self.source[i].key]
        if hits:
            self._sort()
        return bool(hits)

    def sort_by(self, column: Column | None, reverse: bool) -> None:
        self.sort_column = column
        self.sort_reverse = reverse if column is not None else False
        self._sort()

    def holds(self, rows: list[IssueSummary]) -> bool:
        """Whether these are exactly the rows, in server order."""
        return self.source == rows

    def _sort(self) -> None:
        column = self.sort_column
        if column is None:
            self.view = self.source
            self.index = self._where
        else:
            self.view = sorted(self.source, key=column.sort_key, reverse=self.sort_reverse)
            self.index = {row.key: i for i, row in enumerate(self.view)}
