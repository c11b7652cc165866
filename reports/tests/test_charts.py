"""The server-side SVG charts: well-formed, titled, escaped, gaps for missing values, same input same output."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

from reports import charts

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # raises on malformed XML (an unescaped label would)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    return root


def title_and_desc(root: ET.Element) -> tuple[str, str]:
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    return title.text, desc.text


def paths(root: ET.Element, css: str) -> list[ET.Element]:
    return [p for p in root.iter(f"{SVG}path") if css in (p.get("class") or "").split()]


def percent(value) -> str:
    return "—" if value is None else f"{float(value) * 100:.2f}%".replace(".", ",")


# --- sparkline ------------------------------------------------------------------------------------


def test_sparkline_has_a_title_and_spells_out_its_figures():
    svg = charts.sparkline(
        [Decimal("0.9"), Decimal("0.95")], labels=["IV/2019", "I/2020"], fmt=percent, title="Tỷ lệ giải quyết đúng hạn"
    )

    root = parse(svg)
    assert title_and_desc(root) == ("Tỷ lệ giải quyết đúng hạn", "IV/2019: 90,00%; I/2020: 95,00%")
    assert len(paths(root, "chart-line")) == 1
    assert len(list(root.iter(f"{SVG}circle"))) == 1  # the latest value


def test_sparkline_breaks_the_line_at_a_missing_value_never_draws_zero():
    svg = charts.sparkline([1, 2, None, 4, 5], title="t")

    root = parse(svg)
    lines = paths(root, "chart-line")
    assert len(lines) == 2
    assert all(d.count("L") == 1 for d in (p.get("d") for p in lines))
    assert "3: —" in title_and_desc(root)[1]


def test_sparkline_without_values_is_still_a_titled_picture():
    root = parse(charts.sparkline([None, None], title="Chưa có"))

    assert title_and_desc(root)[0] == "Chưa có"
    assert paths(root, "chart-line") == []


def test_a_flat_line_stays_inside_the_picture():
    root = parse(charts.sparkline([3, 3, 3], title="t", height=28))

    ys = [float(y) for y in re.findall(r"[ML][\d.]+ ([\d.]+)", paths(root, "chart-line")[0].get("d"))]
    assert all(0 <= y <= 28 for y in ys)


# --- line chart -----------------------------------------------------------------------------------


def test_line_chart_with_targets_and_point_titles():
    labels = ["II/2019", "III/2019", "IV/2019", "I/2020"]
    svg = charts.line_chart(
        [Decimal("0.9"), None, Decimal("0.8"), Decimal("0.99")],
        labels=labels,
        fmt=percent,
        targets=[None, None, Decimal("0.98"), Decimal("0.98")],
        title="Đúng hạn — Sở Nội vụ",
    )

    root = parse(svg)
    title, desc = title_and_desc(root)
    assert title == "Đúng hạn — Sở Nội vụ"
    assert "III/2019: —" in desc and "I/2020: 99,00%" in desc and "I/2020 (chỉ tiêu): 98,00%" in desc
    assert len(paths(root, "chart-target")) == 1
    assert len(paths(root, "chart-line")) == 1  # II/2019 stands alone (a dot), IV/2019 → I/2020 a line
    point_titles = [c.find(f"{SVG}title").text for c in root.iter(f"{SVG}circle")]
    assert point_titles == ["II/2019: 90,00%", "IV/2019: 80,00%", "I/2020: 99,00%"]
    assert [t.text for t in root.iter(f"{SVG}text") if t.text in labels] == labels


def test_line_chart_without_figures_says_so():
    root = parse(charts.line_chart([None] * 8, labels=[str(i) for i in range(8)], title="t"))

    assert "Chưa có số liệu" in [t.text for t in root.iter(f"{SVG}text")]
    assert list(root.iter(f"{SVG}circle")) == []


def test_higher_values_are_drawn_higher():
    root = parse(charts.line_chart([1, 5], labels=["a", "b"], title="t"))

    low, high = (float(c.get("cy")) for c in root.iter(f"{SVG}circle"))
    assert high < low  # SVG's y grows downwards


# --- bar chart ------------------------------------------------------------------------------------


def test_bar_chart_lengths_are_proportional_and_missing_has_no_bar():
    svg = charts.bar_chart(
        [("Tổng", Decimal("0.5")), ("A", Decimal("1")), ("B", None)],
        title="Đúng hạn",
        fmt=percent,
        max_value=1,
        highlight="Tổng",
    )

    root = parse(svg)
    rects = list(root.iter(f"{SVG}rect"))
    assert len(rects) == 2
    assert float(rects[1].get("width")) == 2 * float(rects[0].get("width"))
    assert "chart-bar-highlight" in rects[0].get("class")
    assert title_and_desc(root)[1] == "Tổng: 50,00%; A: 100,00%; B: —"
    assert [g.find(f"{SVG}title").text for g in root.iter(f"{SVG}g")] == ["Tổng: 50,00%", "A: 100,00%", "B: —"]


def test_labels_and_titles_are_escaped():
    svg = charts.bar_chart([('Sở "A" & <B>', 3)], title="<script>alert(1)</script> & co")

    assert "<script>" not in svg
    root = parse(svg)
    assert title_and_desc(root)[0] == "<script>alert(1)</script> & co"
    assert 'Sở "A" & <B>' in [t.text for t in root.iter(f"{SVG}text")]


def test_long_labels_are_shortened_but_kept_whole_in_the_bar_title():
    name = "Trung tâm Phục vụ hành chính công tỉnh Cao Bằng"
    root = parse(charts.bar_chart([(name, 1)], title="t"))

    assert [t.text for t in root.iter(f"{SVG}text")][0].endswith("…")
    assert root.find(f"{SVG}g/{SVG}title").text == f"{name}: 1"


def test_an_empty_bar_chart_is_valid():
    root = parse(charts.bar_chart([], title="Không có đơn vị"))

    assert "Chưa có số liệu" in [t.text for t in root.iter(f"{SVG}text")]


def test_same_input_same_svg_and_different_charts_have_different_ids():
    one = charts.sparkline([1, 2], title="a")
    assert one == charts.sparkline([1, 2], title="a")
    other = charts.sparkline([1, 3], title="a")
    assert parse(one).find(f"{SVG}title").get("id") != parse(other).find(f"{SVG}title").get("id")


def test_no_script_and_no_external_reference():
    for svg in (
        charts.sparkline([1, 2], title="a"),
        charts.line_chart([1, 2], labels=["a", "b"], title="b"),
        charts.bar_chart([("a", 1)], title="c"),
    ):
        assert (
            "<script" not in svg
            and "href" not in svg
            and "http://" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
        )
