"""Bar charts drawn on the server as SVG: the geometry is worked out here, the template only writes it out.

Each chart comes with the rows of the table printed beside it, so that it reads without the picture too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Width and height of the drawing (the SVG's viewBox; it scales to the box it is in), and its margins.
WIDTH, HEIGHT = 480, 200
LEFT, RIGHT, TOP, BOTTOM = 34, 24, 10, 22
# Told apart in light and dark themes alike; sections past the eighth take the colours again.
PALETTE = ["#417690", "#e0a030", "#5aa469", "#c0504d", "#8064a2", "#4bacc6", "#9c6b30", "#7f7f7f"]


@dataclass
class Segment:
    x: str
    y: str
    width: str
    height: str
    colour: str
    title: str


@dataclass
class Tick:
    y: str
    label: str


@dataclass
class Label:
    x: str
    text: str


@dataclass
class Series:
    name: str
    colour: str


@dataclass
class BarChart:
    title: str
    summary: str
    segments: list[Segment] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    baseline: str = f"{HEIGHT - BOTTOM}"
    label_y: str = f"{HEIGHT - 6}"


def _num(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def nice_step(largest: int) -> int:
    """A round step (1, 2, 5, 10, 20, 50…) that divides 0…`largest` into at most four parts."""
    magnitude = 1
    while True:
        for base in (1, 2, 5):
            step = base * magnitude
            if largest <= 4 * step:
                return step
        magnitude *= 10


def stacked_bars(
    title: str,
    summary: str,
    columns: list[str],
    stacks: list[list[int]],
    series: list[str],
    *,
    label_every: int = 1,
    unit: str = "건",
) -> BarChart:
    """One bar per column, each a stack of one segment per series (`stacks[column][series]`), with the y axis in
    round steps and every `label_every`-th column named under it, counted back from the last (today, this hour)."""
    chart = BarChart(title, summary, series=[Series(name, PALETTE[i % len(PALETTE)]) for i, name in enumerate(series)])
    largest = max((sum(stack) for stack in stacks), default=0)
    step = nice_step(max(largest, 1))
    top = step * max(1, -(-largest // step))
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - RIGHT - LEFT) / max(len(columns), 1)
    bar = slot * 0.72
    for value in range(0, top + 1, step):
        chart.ticks.append(Tick(_num(HEIGHT - BOTTOM - plot_height * value / top), f"{value:,}"))
    for index, (column, stack) in enumerate(zip(columns, stacks, strict=True)):
        x = LEFT + slot * index + (slot - bar) / 2
        bottom = HEIGHT - BOTTOM
        for position, value in enumerate(stack):
            if not value:
                continue
            height = plot_height * value / top
            bottom -= height
            name = f"{series[position]} " if len(series) > 1 else ""
            chart.segments.append(
                Segment(
                    _num(x),
                    _num(bottom),
                    _num(bar),
                    _num(height),
                    chart.series[position].colour,
                    f"{column} {name}{value:,}{unit}",
                )
            )
        if (len(columns) - 1 - index) % label_every == 0:
            chart.labels.append(Label(_num(x + bar / 2), column))
    return chart
