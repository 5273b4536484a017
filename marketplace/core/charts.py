"""Server-rendered SVG charts: the framework map's expiry timeline and usage bars,
and the feedback ratings bars.

Each function returns the geometry a template draws; the template also renders
the same figures as a table, so nothing depends on seeing the chart.
"""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class TimelineBar:
    label: str
    start: date
    end: date
    x: float
    width: float
    y: float
    status: str


@dataclass(frozen=True)
class Timeline:
    bars: list[TimelineBar]
    years: list[tuple[int, float]]
    today_x: float
    width: int
    height: int
    label_width: int
    row_height: int


def expiry_timeline(
    rows: list[tuple[str, date, date, str]], *, today: date, width: int = 900
) -> Timeline:
    """Bars from live date to expiry on a shared time axis, with a line for today."""
    label_width, row_height, top = 330, 26, 30
    if not rows:
        return Timeline([], [], 0, width, top, label_width, row_height)
    first = min(min(start for _, start, _, _ in rows), today)
    last = max(max(end for _, _, end, _ in rows), today)
    first, last = date(first.year, 1, 1), date(last.year + 1, 1, 1)
    span = (last - first).days
    plot = width - label_width - 10

    def x(day: date) -> float:
        return round(label_width + plot * (day - first).days / span, 1)

    bars = [
        TimelineBar(
            label, start, end, x(start), max(x(end) - x(start), 2), top + i * row_height, status
        )
        for i, (label, start, end, status) in enumerate(rows)
    ]
    years = [(year, x(date(year, 1, 1))) for year in range(first.year, last.year + 1)]
    return Timeline(
        bars, years, x(today), width, top + len(rows) * row_height + 10, label_width, row_height
    )


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    display: str
    y: float
    width: float


def horizontal_bars(
    rows: list[tuple[str, int, str]], *, width: int = 700, label_width: int = 230
) -> tuple[list[Bar], int]:
    """Bars proportional to value, largest first; returns the bars and the height."""
    row_height = 28
    biggest = max((value for _, value, _ in rows), default=0) or 1
    plot = width - label_width - 120
    bars = [
        Bar(label, value, display, 10 + i * row_height, round(plot * value / biggest, 1))
        for i, (label, value, display) in enumerate(rows)
    ]
    return bars, 20 + len(rows) * row_height
