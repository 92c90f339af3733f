"""The issue view's body: every section of one issue drawn as lines, and the items on them.

One widget draws the whole body with Textual's line API (`render_line`): the blocks that
`tui/widgets/issue_parts.py` lists for an issue are rendered once per width (and kept by what
they show), so opening an issue again, or another one sharing its blocks, lays out and paints
one widget instead of some fifty. It was the cost of opening an issue from the cache.

The items (description, each comment, each linked issue, the work log, ...) are stops for
`j` / `k`: `select(key)` marks one (a bar and a tint, drawn only while the body has the focus,
so it reads without colour) and scrolls it into view. The keys act on the selected item:
`enter` opens a linked issue, `E` / `D` edit or delete a comment, `D` removes a link. The body
only posts messages; the screen decides what happens. Data goes down: `show(issue)`. Text can
be selected with the mouse and copied, as in Textual's own text widgets.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Iterator
from typing import ClassVar, NamedTuple

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.selection import Selection
from textual.strip import Strip
from textual.widget import Widget

from tui.models import Comment, Issue, IssueLink
from tui.widgets.issue_header import Clock
from tui.widgets.issue_parts import Block, block_key, human_size, issue_blocks, widget_id

__all__ = ["IssueBody", "human_size", "widget_id"]

_BAR = "▌"  # the selected item's left edge: a shape, so it shows with NO_COLOR too


class _Layout(NamedTuple):
    """The body at one width: its lines, and where each item's lines are."""

    lines: list[Strip]
    spans: dict[str, tuple[int, int]]  # item key -> (first line, line after the last)


class IssueBody(Widget, can_focus=True):
    """Every section of one issue, drawn as lines; `j` / `k` (the screen's) select its items."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "issue-body--title",
        "issue-body--muted",
        "issue-body--selected",
        "issue-body--bar",
    }
    DEFAULT_CSS = """
    IssueBody { height: auto; }
    IssueBody > .issue-body--title { text-style: bold; color: $text-primary; }
    IssueBody > .issue-body--muted { color: $text-muted; }
    IssueBody > .issue-body--selected { background: $boost; }
    IssueBody > .issue-body--bar { color: $accent; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_issue", "Open issue"),
        Binding("E", "edit_comment", "Edit comment"),
        Binding("D,delete", "delete_comment", "Delete comment"),
        Binding("D,delete", "remove_link", "Remove link"),
    ]
    KEPT: ClassVar[int] = 2048  # rendered blocks kept (per width and selection)

    class Open(Message):
        """Open the issue `key` (a linked issue, the parent, a sub-task)."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    class EditComment(Message):
        def __init__(self, comment: Comment) -> None:
            super().__init__()
            self.comment = comment

    class DeleteComment(Message):
        def __init__(self, comment: Comment) -> None:
            super().__init__()
            self.comment = comment

    class RemoveLink(Message):
        def __init__(self, link: IssueLink) -> None:
            super().__init__()
            self.link = link

    def __init__(self, clock: Clock, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._clock = clock
        self.issue: Issue | None = None
        self.selected: str | None = None
        self._blocks: list[Block] = issue_blocks(None, clock())
        self._items: dict[str, Block] = {}
        self._version = 0  # bumped whenever the blocks change
        self._styles_version = 0  # bumped when the styles lines are drawn with change
        self._styles_checked = False
        self._drawn_with: tuple[Style, ...] = ()
        self._layout_for: tuple[int, int, int] | None = None
        self._layout = _Layout([], {})
        self._kept: OrderedDict[Hashable, list[Strip]] = OrderedDict()

    # -- what it shows ------------------------------------------------------------------------

    def show(self, issue: Issue | None) -> None:
        """Show `issue` (or, with None, the section titles while the next one is on its way).
        The selected item stays selected when the issue still has it."""
        if issue is None or self.issue is None or issue.key != self.issue.key:
            self.selected = None
        self.issue = issue
        self.display = True
        self.loading = False
        self._blocks = issue_blocks(issue, self._clock())
        self._items = {block.key: block for block in self._blocks if block.kind == "item"}
        if self.selected not in self._items:
            self.selected = None
        self._version += 1
        self.refresh(layout=True)
        self.refresh_bindings()

    def show_loading(self) -> None:
        """A loading indicator over the body (when the issue is slow to come)."""
        self.loading = True

    @property
    def item_keys(self) -> list[str]:
        """The items `j` / `k` stop at, top to bottom."""
        return list(self._items)

    def item(self, key: str) -> Block:
        """The item `key` (KeyError when the issue shown has none such)."""
        return self._items[key]

    @property
    def selected_block(self) -> Block | None:
        return self._items.get(self.selected) if self.selected is not None else None

    def select(self, key: str | None, *, scroll: bool = True) -> None:
        """Select the item `key` (None: none), take the focus and bring the item into view."""
        if key is not None and key not in self._items:
            raise KeyError(key)
        self.selected = key
        self.refresh()
        self.refresh_bindings()
        if key is not None:
            self.focus(scroll_visible=False)
            if scroll:
                self.call_after_refresh(self._bring_into_view, key)

    def item_region(self, key: str) -> Region:
        """Where item `key` is, in screen cells (it may be scrolled out of view)."""
        start, end = self._current_layout().spans[key]
        region = self.content_region
        return Region(region.x, region.y + start, region.width, end - start)

    def _bring_into_view(self, key: str) -> None:
        span = self._current_layout().spans.get(key)
        container = self.parent
        if span is None or not isinstance(container, Widget):
            return
        start, end = span
        virtual = self.virtual_region
        region = Region(virtual.x, virtual.y + start, virtual.width, end - start)
        container.scroll_to_region(region, animate=False, immediate=True)

    # -- acting on the selected item ----------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        block = self.selected_block if self.has_focus else None
        if action == "open_issue":
            return block is not None and block.ref is not None
        if action in ("edit_comment", "delete_comment"):
            return block is not None and block.comment is not None
        if action == "remove_link":
            return block is not None and block.link is not None
        return True

    def action_open_issue(self) -> None:
        block = self.selected_block
        if block is not None and block.ref is not None:
            self.post_message(self.Open(block.ref.key))

    def action_edit_comment(self) -> None:
        block = self.selected_block
        if block is not None and block.comment is not None:
            self.post_message(self.EditComment(block.comment))

    def action_delete_comment(self) -> None:
        block = self.selected_block
        if block is not None and block.comment is not None:
            self.post_message(self.DeleteComment(block.comment))

    def action_remove_link(self) -> None:
        block = self.selected_block
        if block is not None and block.link is not None:
            self.post_message(self.RemoveLink(block.link))

    def on_click(self, event: events.Click) -> None:
        """A click selects the item under it; on a linked issue it opens it too."""
        key = self._item_at(event.y)
        if key is None:
            return
        self.select(key, scroll=False)
        block = self._items[key]
        if block.ref is not None:
            self.post_message(self.Open(block.ref.key))

    def _item_at(self, y: int) -> str | None:
        for key, (start, end) in self._current_layout().spans.items():
            if start <= y < end:
                return key
        return None

    def on_focus(self, event: events.Focus) -> None:
        if self.selected is None and self._items:
            self.selected = next(iter(self._items))
        self.refresh()
        self.refresh_bindings()

    def on_blur(self, event: events.Blur) -> None:
        self.refresh()
        self.refresh_bindings()

    # -- drawing ------------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        # Textual calls this on every focus change too: the kept lines are dropped only when
        # the styles they were drawn with did change (a theme, the CSS), not on each `j`.
        super().notify_style_update()
        self._styles_checked = False
        self.refresh()

    def _check_styles(self) -> None:
        if self._styles_checked:
            return
        self._styles_checked = True
        drawn_with = (
            self.rich_style,
            *(self.get_component_rich_style(name) for name in sorted(self.COMPONENT_CLASSES)),
        )
        if drawn_with != self._drawn_with:
            self._drawn_with = drawn_with
            self._styles_version += 1
            self._kept.clear()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._layout_at(width).lines)

    def render_line(self, y: int) -> Strip:
        layout = self._current_layout()
        if y >= len(layout.lines):
            return Strip.blank(self.size.width, self.rich_style)
        line = layout.lines[y]
        key = self.selected
        if key is not None and self.has_focus:
            start, end = layout.spans.get(key, (0, 0))
            if start <= y < end:
                line = self._block_lines(self._items[key], self.size.width, True)[y - start]
        selection = self.text_selection
        if selection is not None:
            line = self._mark_selected_text(line, selection.get_span(y))
        # Offsets let a mouse drag select text (Textual's selection maps cells to them).
        return line.apply_offsets(0, y)

    # -- text selected with the mouse ---------------------------------------------------------

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The text under a mouse selection, line by line as drawn (without trailing blanks)."""
        lines = self._current_layout().lines
        return selection.extract("\n".join(line.text.rstrip() for line in lines)), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self.refresh()

    def _mark_selected_text(self, line: Strip, span: tuple[int, int] | None) -> Strip:
        if span is None:
            return line
        start, end = span
        text = Text.assemble(*((seg.text, seg.style or Style.null()) for seg in line))
        text.stylize(
            self.screen.get_component_rich_style("screen--selection"),
            start,
            len(text) if end == -1 else end,
        )
        return Strip(text.render(self.app.console), line.cell_length)

    def _current_layout(self) -> _Layout:
        return self._layout_at(self.size.width)

    def _layout_at(self, width: int) -> _Layout:
        self._check_styles()
        wanted = (width, self._version, self._styles_version)
        if self._layout_for != wanted:
            lines: list[Strip] = []
            spans: dict[str, tuple[int, int]] = {}
            for block in self._blocks:
                drawn = self._block_lines(block, width, False)
                if block.kind == "item":
                    spans[block.key] = (len(lines), len(lines) + len(drawn))
                lines.extend(drawn)
            self._layout, self._layout_for = _Layout(lines, spans), wanted
        return self._layout

    def _block_lines(self, block: Block, width: int, selected: bool) -> list[Strip]:
        """`block` drawn `width` cells wide; kept by what it shows."""
        key = (block_key(block), width, selected)
        kept = self._kept.get(key)
        if kept is None:
            kept = self._kept[key] = list(self._draw(block, max(width, 1), selected))
            if len(self._kept) > self.KEPT:
                self._kept.popitem(last=False)
        else:
            self._kept.move_to_end(key)
        return kept

    def _draw(self, block: Block, width: int, selected: bool) -> Iterator[Strip]:
        base = self.rich_style
        if block.kind == "gap":
            yield Strip.blank(width, base)
            return
        if block.kind == "title":
            style = base + self._component("issue-body--title")
            yield from self._lines(block, width, style)
            return
        if block.kind in ("empty", "group"):
            style = base + self._component("issue-body--muted")
        elif selected:
            tint = self.get_component_rich_style("issue-body--selected")
            style = base + Style(bgcolor=tint.bgcolor)
        else:
            style = base
        left = Segment(" ", style)
        if selected:
            left = Segment(_BAR, style + Style(color=self._component("issue-body--bar").color))
        right = Segment(" ", style)
        for line in self._lines(block, width - 2, style):
            strip = Strip([left, *line, right])
            # Exactly `width` cells even where the padding alone would not fit.
            yield strip if strip.cell_length == width else strip.crop_extend(0, width, style)

    def _component(self, name: str) -> Style:
        """A component class's text style, its colour blended as Textual blends it (`$text-muted`
        is a translucent colour; the partial style alone would leave it out)."""
        partial = self.get_component_rich_style(name, partial=True)
        return partial + Style(color=self.get_component_rich_style(name).color)

    def _lines(self, block: Block, width: int, style: Style) -> Iterator[Strip]:
        if width <= 0:
            yield Strip([])
            return
        console = self.app.console
        options = self.app.console_options.update(width=width, highlight=False, markup=False)
        for line in console.render_lines(block.content, options, style=style, pad=True):
            yield Strip(line, width)
