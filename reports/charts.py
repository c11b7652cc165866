"""Server-side SVG charts: pure functions from numbers (and labels) to an SVG string.

No JavaScript, no CDN: offices may be offline. Every chart carries a <title> (its accessible name) and a
<desc> that spells its figures out, and every page shows the same figures in a table beside the picture,
so the chart is never the only way to read them. Labels and titles are escaped here; the result may be
marked safe by the caller. Values may be Decimal, int, float or None (missing: a gap, never a zero).
`fmt` turns a value into the text shown (the views pass the Vietnamese `percent` / `number` filters).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from html import escape

from django.utils.translation import gettext as _

Number = float | int | None
Formatter = Callable[[object], str]


def _plain(value) -> str:
    return "—" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def _f(value) -> float | None:
    return None if value is None else float(value)


def _e(text) -> str:
    return escape(str(text), quote=True)


def _xy(value: float) -> str:
    """A coordinate with at most one decimal: compact and stable output."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _svg(width: int, height: int, title: str, desc: str, body: list[str], css_class: str) -> str:
    # The id comes from the content: the same input gives the same SVG (and a page's charts differ).
    ident = "chart-" + hashlib.blake2s(f"{css_class}|{title}|{desc}".encode(), digest_size=5).hexdigest()
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {css_class}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{ident}-t {ident}-d">'
        f'<title id="{ident}-t">{_e(title)}</title><desc id="{ident}-d">{_e(desc)}</desc>' + "".join(body) + "</svg>"
    )


def _describe(labels: Sequence[str], values: Sequence, fmt: Formatter) -> str:
    return "; ".join(f"{label}: {fmt(value)}" for label, value in zip(labels, values, strict=False))


def _domain(numbers: list[float]) -> tuple[float, float]:
    low, high = min(numbers), max(numbers)
    if low == high:
        pad = abs(low) * 0.1 or 1.0
        return low - pad, high + pad
    pad = (high - low) * 0.08
    return low - pad, high + pad


def _segments(points: list[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    """Runs of consecutive present points: a missing value breaks the line, it is never drawn as 0."""
    runs: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if run]


def _path(run: list[tuple[float, float]]) -> str:
    return "M" + " L".join(f"{_xy(x)} {_xy(y)}" for x, y in run)


def sparkline(
    values: Sequence,
    *,
    title: str,
    labels: Sequence[str] | None = None,
    fmt: Formatter = _plain,
    width: int = 120,
    height: int = 28,
) -> str:
    """A word-sized trend line (oldest first); the last present value gets a dot. No axes."""
    labels = list(labels) if labels is not None else [str(i + 1) for i in range(len(values))]
    desc = _describe(labels, values, fmt)
    numbers = [_f(v) for v in values]
    present = [n for n in numbers if n is not None]
    if not present:
        return _svg(width, height, title, desc or "—", [], "sparkline sparkline-empty")
    low, high = _domain(present)
    pad = 3
    step = (width - 2 * pad) / max(len(numbers) - 1, 1)

    def at(index: int, number: float) -> tuple[float, float]:
        return pad + index * step, height - pad - (number - low) / (high - low) * (height - 2 * pad)

    points = [None if n is None else at(i, n) for i, n in enumerate(numbers)]
    body = [f'<path class="chart-line" d="{_path(run)}" fill="none"/>' for run in _segments(points) if len(run) > 1]
    last = next(p for p in reversed(points) if p is not None)
    body.append(f'<circle class="chart-dot" cx="{_xy(last[0])}" cy="{_xy(last[1])}" r="2.5"/>')
    return _svg(width, height, title, desc, body, "sparkline")


def line_chart(
    values: Sequence,
    *,
    labels: Sequence[str],
    title: str,
    targets: Sequence | None = None,
    fmt: Formatter = _plain,
    width: int = 420,
    height: int = 140,
) -> str:
    """A line of `values` over `labels` (oldest first), with the targets as a dashed line where there are any.

    Each point has its own <title> ("Quý I/2020: 92,56%"), so hovering a point reads it.
    """
    labels = [str(label) for label in labels]
    targets = list(targets) if targets is not None else [None] * len(values)
    desc = _describe(labels, values, fmt)
    if any(t is not None for t in targets):
        desc += " — " + _describe([_("%(label)s (chỉ tiêu)") % {"label": label} for label in labels], targets, fmt)
    numbers = [_f(v) for v in values]
    target_numbers = [_f(t) for t in targets]
    present = [n for n in numbers + target_numbers if n is not None]
    left, right, top, bottom = 62, 24, 8, 22
    inner_w, inner_h = width - left - right, height - top - bottom
    body = [
        f'<line class="chart-axis" x1="{left}" y1="{top + inner_h}" x2="{left + inner_w}" y2="{top + inner_h}"/>',
    ]
    step = inner_w / max(len(labels) - 1, 1)
    for index, label in enumerate(labels):
        x = left + index * step
        if len(labels) <= 8 or index % 2 == (len(labels) - 1) % 2:  # a long axis labels every other point
            body.append(
                f'<text class="chart-label" x="{_xy(x)}" y="{height - 6}" text-anchor="middle">{_e(label)}</text>'
            )
    if not present:
        body.append(
            f'<text class="chart-empty" x="{_xy(left + inner_w / 2)}" y="{_xy(top + inner_h / 2)}" '
            f'text-anchor="middle">{_e(_("Chưa có số liệu"))}</text>'
        )
        return _svg(width, height, title, desc, body, "line-chart line-chart-empty")
    low, high = _domain(present)

    def at(index: int, number: float) -> tuple[float, float]:
        return left + index * step, top + inner_h - (number - low) / (high - low) * inner_h

    for number in sorted({max(present), min(present)}):
        y = at(0, number)[1]
        body.append(
            f'<text class="chart-label" x="{left - 4}" y="{_xy(y + 4)}" text-anchor="end">{_e(fmt(number))}</text>'
        )
        body.append(f'<line class="chart-grid" x1="{left}" y1="{_xy(y)}" x2="{left + inner_w}" y2="{_xy(y)}"/>')
    target_points = [None if n is None else at(i, n) for i, n in enumerate(target_numbers)]
    for run in _segments(target_points):
        if len(run) == 1:
            x, y = run[0]
            run = [(x - 4, y), (x + 4, y)]
        body.append(f'<path class="chart-target" d="{_path(run)}" fill="none"/>')
    points = [None if n is None else at(i, n) for i, n in enumerate(numbers)]
    body += [f'<path class="chart-line" d="{_path(run)}" fill="none"/>' for run in _segments(points) if len(run) > 1]
    for index, point in enumerate(points):
        if point is not None:
            body.append(
                f'<circle class="chart-dot" cx="{_xy(point[0])}" cy="{_xy(point[1])}" r="3">'
                f"<title>{_e(labels[index])}: {_e(fmt(values[index]))}</title></circle>"
            )
    return _svg(width, height, title, desc, body, "line-chart")


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def bar_chart(
    items: Sequence[tuple[str, object]],
    *,
    title: str,
    fmt: Formatter = _plain,
    max_value: Number = None,
    width: int = 640,
    bar_height: int = 18,
    label_width: int = 260,
    highlight: str | None = None,
) -> str:
    """Horizontal bars, one per (label, value), in the order given; a missing value shows "—" and no bar.

    Bars start at 0 and reach `max_value` (1 for shares) or the largest value. `highlight` names the label
    drawn in the accent colour (e.g. the province total).
    """
    items = [(str(label), value) for label, value in items]
    desc = _describe([label for label, _value in items], [value for _label, value in items], fmt)
    numbers = [_f(value) for _, value in items]
    present = [n for n in numbers if n is not None]
    scale = _f(max_value) if max_value is not None else max(present, default=0.0)
    scale = max(scale or 0.0, max(present, default=0.0)) or 1.0
    gap, value_width = 6, 64
    bar_area = width - label_width - value_width - 8
    height = max(len(items), 1) * (bar_height + gap) + gap
    body = []
    if not items:
        body.append(
            f'<text class="chart-empty" x="{width // 2}" y="{height - gap}" text-anchor="middle">'
            f"{_e(_('Chưa có số liệu'))}</text>"
        )
    for index, ((label, value), number) in enumerate(zip(items, numbers, strict=True)):
        y = gap + index * (bar_height + gap)
        text_y = _xy(y + bar_height * 0.72)
        css = "chart-bar chart-bar-highlight" if highlight is not None and label == highlight else "chart-bar"
        body.append(f"<g><title>{_e(label)}: {_e(fmt(value))}</title>")
        body.append(
            f'<text class="chart-label" x="{label_width - 6}" y="{text_y}" text-anchor="end">'
            f"{_e(_truncate(label, 34))}</text>"
        )
        length = 0.0 if number is None else max(number, 0.0) / scale * bar_area
        if number is not None:
            body.append(f'<rect class="{css}" x="{label_width}" y="{y}" width="{_xy(length)}" height="{bar_height}"/>')
        body.append(
            f'<text class="chart-value" x="{_xy(label_width + length + 4)}" y="{text_y}">{_e(fmt(value))}</text></g>'
        )
    return _svg(width, height, title, desc, body, "bar-chart")
