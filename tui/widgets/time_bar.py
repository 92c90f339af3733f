"""Time tracking as a small bar: logged against remaining, with the original estimate beside it.

`time_bar_text` is the pure part (a Rich `Text`); `TimeBar` is the widget the header shows.
Logged time is drawn with full blocks and remaining with light shade, so the bar reads the
same without colour (NO_COLOR=1).
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tui.models import TimeTracking
from tui.models.durations import format_duration

__all__ = ["TimeBar", "time_bar_text"]

SPENT = "█"
LEFT = "░"


def time_bar_text(tracking: TimeTracking | None, width: int = 12) -> Text:
    """`███░░░░ 3h logged · 5h left · est. 8h`, or a dim "no time tracked"."""
    spent = (tracking.time_spent_seconds or 0) if tracking else 0
    left = (tracking.remaining_estimate_seconds or 0) if tracking else 0
    estimate = tracking.original_estimate_seconds if tracking else None
    if not spent and not left and not estimate:
        return Text("no time tracked", style="dim")
    total = max(spent + left, estimate or 0, 1)
    filled = min(width, round(width * spent / total))
    if spent and not filled:
        filled = 1
    over = estimate is not None and spent > estimate
    out = Text()
    out.append(SPENT * filled, style="red" if over else "green")
    out.append(LEFT * (width - filled), style="dim")
    out.append(f" {format_duration(spent)} logged")
    out.append(f" · {format_duration(left)} left")
    if estimate:
        out.append(f" · est. {format_duration(estimate)}", style="dim")
    if over:
        out.append(" · over estimate", style="bold red")
    return out


class TimeBar(Widget):
    """One line: the issue's time tracking. Set `tracking` to update it."""

    DEFAULT_CSS = """
    TimeBar { height: 1; width: 1fr; }
    """

    tracking: reactive[TimeTracking | None] = reactive(None)

    def __init__(self, tracking: TimeTracking | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(TimeBar.tracking, tracking)

    def render(self) -> Text:
        return time_bar_text(self.tracking)
