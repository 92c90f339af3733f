"""Rich renders kept by what they show, so a block drawn before is a lookup.

Textual renders a widget's Rich content twice when it changes (its height, then its lines), and
the issue view shows the same fields grid, work log or attachment table again whenever an issue
comes back. `Kept(key, build)` renders `build()` once per key and width (the console options
that shape it) and replays the segments after that. The key must say everything the render
depends on: the text and styles of every cell (`text_key`), and the colours taken from the
theme. Pure Rich, no Textual.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import ClassVar

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from rich.text import Text

__all__ = ["Kept", "text_key"]


def text_key(text: Text) -> Hashable:
    """What `text` looks like, as a key: its characters, every style on them, how it wraps."""
    return (
        text.plain,
        str(text.style),
        tuple((s.start, s.end, str(s.style)) for s in text.spans),
        text.justify,
        text.overflow,
        text.no_wrap,
        text.end,
        text.tab_size,
    )


class Kept:
    """`build()`'s render, kept per `key` and width; the least recently used go past `CACHED`."""

    CACHED: ClassVar[int] = 512
    _renders: ClassVar[OrderedDict[Hashable, list[Segment]]] = OrderedDict()

    def __init__(self, key: Hashable, build: Callable[[], RenderableType]) -> None:
        self.key = key
        self._build = build

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        key = (self.key, options.max_width, options.min_width, options.size, options.highlight)
        renders = Kept._renders
        segments = renders.get(key)
        if segments is None:
            segments = list(console.render(self._build(), options))
            renders[key] = segments
            if len(renders) > self.CACHED:
                renders.popitem(last=False)
        else:
            renders.move_to_end(key)
        yield from segments
