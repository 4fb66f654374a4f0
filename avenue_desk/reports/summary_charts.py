"""Bar charts for the governor summary (reportlab.graphics), with small counts hidden.

A count of 1 or 2 is drawn as a pale bar of height 1.5 labelled "<3": the bar says "a
few", exactly what the text says, and no more.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from . import styles as S
from .fonts import SANS, SANS_BOLD
from .summary_data import SMALL

SERIES_COLOURS = (colors.HexColor("#b8c4d6"), colors.HexColor("#7d93b5"), S.ACCENT)
HIDDEN = 1.5  # where a suppressed count is drawn


def plotted(n: int) -> float:
    return HIDDEN if 0 < n < SMALL else float(n)


def bar_label(value: float) -> str:
    if value == HIDDEN:
        return f"<{SMALL}"
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


def totals_chart(labels: Sequence[str], totals: Sequence[int], width: float) -> Drawing:
    """Incidents per term, oldest on the left."""
    height = 130
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 34, 20, width - 50, height - 42
    chart.data = [[plotted(n) for n in totals]]
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
    series: Sequence[Sequence[int]],
    width: float,
) -> Drawing:
    """One horizontal group of bars per row (category, platform...), one bar per term."""
    rows = len(row_labels)
    bar_height = 5.5
    chart_height = max(rows * (bar_height * len(series) + 6), 40)
    height = chart_height + 64
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 96, 44
    chart.width, chart.height = width - 120, chart_height
    # HorizontalBarChart draws the first category at the bottom: reverse so lists read down.
    chart.data = [[plotted(n) for n in reversed(values)] for values in series]
    chart.categoryAxis.categoryNames = list(reversed(row_labels))
    chart.barWidth = bar_height
    chart.groupSpacing = 6
    chart.barSpacing = 0.5
    _style_bars(chart, len(series))
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
