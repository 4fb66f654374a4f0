"""Bar charts for the governor summary (reportlab.graphics), with small counts hidden.

Each bar is drawn from a count and what may be printed of it (policy/disclosure.py): a
count of 1 or 2 is a bar of height 1.5 labelled "<3" (it says "a few", exactly what the
text says, and no more), and a count not shown is no bar at all, labelled "–".
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from avenue_desk.policy.disclosure import FEWER, WITHHELD

from . import styles as S
from .fonts import SANS, SANS_BOLD
from .summary_data import SMALL

# Oldest palest, the period reported on in the accent colour.
SERIES_COLOURS = (colors.HexColor("#d3dae5"), colors.HexColor("#b8c4d6"),
                  colors.HexColor("#7d93b5"), S.ACCENT)
HIDDEN = 1.5  # where a count of 1 or 2 is drawn
NOT_SHOWN = 1e-6  # a count not shown: no bar to see, and its label says so


def plotted(count: int, state: str = "") -> float:
    if state == WITHHELD:
        return NOT_SHOWN
    if state == FEWER or (not state and 0 < count < SMALL):
        return HIDDEN
    return float(count)


def bar_label(value: float) -> str:
    if value == HIDDEN:
        return f"<{SMALL}"
    if value == NOT_SHOWN:
        return "–"
    return str(int(value)) if value else ""


def _style_bars(chart, series_count: int) -> None:
    for i in range(series_count):
        chart.bars[i].fillColor = SERIES_COLOURS[-series_count + i]
        chart.bars[i].strokeColor = None
    chart.barLabelFormat = bar_label
    chart.barLabels.fontName = SANS
    chart.barLabels.fontSize = 7
    chart.barLabels.fillColor = S.INK
    chart.barLabels.nudge = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = SANS
    chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.labels.fontName = SANS
    chart.categoryAxis.labels.fontSize = 7.5
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dde3ea")
    chart.valueAxis.strokeColor = S.RULE
    chart.categoryAxis.strokeColor = S.RULE


def _nice_max(values: Sequence[float]) -> float:
    top = max([*values, 4.0])
    step = (
        1 if top <= 10 else 5 if top <= 50 else 10 if top <= 100 else 10 ** (len(str(int(top))) - 1)
    )
    return (int(top // step) + 1) * step


Count = tuple[int, str]  # a count and what may be printed of it (policy/disclosure.py)


def totals_chart(labels: Sequence[str], totals: Sequence[Count], width: float) -> Drawing:
    """Incidents per period, oldest on the left."""
    height = 130
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 34, 20, width - 50, height - 42
    chart.data = [[plotted(n, state) for n, state in totals]]
    chart.categoryAxis.categoryNames = list(labels)
    chart.barWidth = 10
    chart.groupSpacing = 22
    _style_bars(chart, 1)
    chart.bars[0].fillColor = S.ACCENT
    chart.valueAxis.valueMax = _nice_max(chart.data[0])
    drawing.add(chart)
    drawing.add(
        String(
            0, height - 10, "Incidents logged", fontName=SANS_BOLD, fontSize=8.5, fillColor=S.INK
        )
    )
    return drawing


def grouped_chart(
    title: str,
    row_labels: Sequence[str],
    series_labels: Sequence[str],
    series: Sequence[Sequence[Count]],
    width: float,
) -> Drawing:
    """One horizontal group of bars per row (category, platform...), one bar per period,
    the oldest at the top of each group as in the legend, which reads oldest first."""
    rows = len(row_labels)
    bar_height = 7.5  # at least the labels' height, so that labels of a group never touch
    chart_height = max(rows * (bar_height * len(series) + 8), 40)
    height = chart_height + 64
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 96, 44
    chart.width, chart.height = width - 120, chart_height
    # HorizontalBarChart draws the first category at the bottom, and within a group the
    # first series at the bottom: reverse both, so that lists read down and each group reads
    # down oldest to newest, in the legend's order.
    chart.data = [[plotted(n, state) for n, state in reversed(values)]
                  for values in reversed(series)]
    chart.categoryAxis.categoryNames = list(reversed(row_labels))
    chart.barWidth = bar_height
    chart.groupSpacing = 8
    chart.barSpacing = 0.5
    _style_bars(chart, len(series))
    chart.barLabels.fontSize = 6.5
    chart.barLabels.nudge = 8
    for i in range(len(series)):  # the series were reversed: so are their colours
        chart.bars[i].fillColor = SERIES_COLOURS[-1 - i]
    chart.valueAxis.valueMax = _nice_max([v for values in chart.data for v in values])
    drawing.add(chart)
    drawing.add(String(0, height - 10, title, fontName=SANS_BOLD, fontSize=8.5, fillColor=S.INK))
    legend = Legend()
    legend.x, legend.y = 96, 4
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.fontName = SANS
    legend.fontSize = 7.5
    legend.boxAnchor = "sw"
    legend.dx = legend.dy = 7
    legend.deltax = 90
    legend.colorNamePairs = [
        (SERIES_COLOURS[-len(series) + i], label) for i, label in enumerate(series_labels)
    ]
    drawing.add(legend)
    return drawing
