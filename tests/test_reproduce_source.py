"""End-to-end: the source article's Q1-2020 report, re-entered through the portal's web forms, comes back out whole.

The reference data (units, periods, accounts, the catalogue, legal bases, outlets, example targets) are loaded with
the seed's loaders, but not the Q1-2020 figures (`seeds.load.load_q1_2020`): here the clerks of the two units that
publish them type them into the real report page (the Django test client posting what the page's form posts),
save, submit, and the manager approves both reports through the review form. Then the narrative report (page and
.docx) and the workbook (`export_report`) must give every figure of the article with its meaning: in its sentence,
in its section; in its cell, on the row of the unit that reported it, under the header that names it, as a number.

The figures, each with the article's sentence, are in tests/source_figures.py.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from html.parser import HTMLParser

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from docx import Document

from cchc.choices import ReportStatus
from cchc.models import Period, Report, Unit
from conftest import page_form_data
from reports.narrative import narrative_build
from reports.periods import PeriodSpan
from seeds import load as seed
from seeds import outreach as outreach_seed
from seeds import reports as reports_seed
from seeds.cao_bang import DEMO_PASSWORD
from tests import source_figures as src
from tests.report_page import errors_on, records, texts_of, url_of, warnings_on

pytestmark = pytest.mark.django_db

SPAN = PeriodSpan.parse("2020-Q1")
SAVED, SENT, APPROVED = "Đã lưu nháp.", "Đã gửi báo cáo.", "Đã duyệt báo cáo."


# --- the reference data ------------------------------------------------------------------------------------------


def load_reference_data() -> None:
    """What the seed loads before the figures, through the same services; `load_q1_2020` is left out."""
    seed.load_legal_bases()
    seed.load_catalogue()
    outreach_seed.load_outlets()
    units = seed.load_units()
    seed.load_periods()
    seed.load_accounts(units)
    reports_seed.load_examples()


# --- typing into the report page ----------------------------------------------------------------------------------


class _Choices(HTMLParser):
    """The options of the page's <select name=…> and its checkboxes named …: the label a clerk reads → its value."""

    def __init__(self, name: str):
        super().__init__(convert_charrefs=True)
        self.name, self.found = name, {}
        self._in_select = False
        self._value: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self._in_select = attrs.get("name") == self.name
        elif tag == "option" and self._in_select:
            self._value, self._text = attrs.get("value", ""), []
        elif tag == "label":
            self._value, self._text = None, []
        elif tag == "input" and attrs.get("type") == "checkbox" and attrs.get("name") == self.name:
            self._value = attrs.get("value")

    def handle_data(self, data):
        self._text.append(data)

    def handle_endtag(self, tag):
        if tag in ("option", "label") and self._value is not None:
            self.found[" ".join("".join(self._text).split())] = self._value
            self._value = None
        elif tag == "select":
            self._in_select = False


class _CheckedBoxes(HTMLParser):
    """Every checked checkbox of the report form: name → values (a multiple choice posts each checked value)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: dict[str, list[str]] = {}
        self._inside = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._inside = attrs.get("id") == "report-form"
        elif (
            self._inside
            and tag == "input"
            and attrs.get("type") == "checkbox"
            and "checked" in attrs
            and "disabled" not in attrs
        ):
            self.found.setdefault(attrs["name"], []).append(attrs.get("value", "on"))


def posted_as_a_browser_does(page: str, data: dict, typed) -> dict:
    """conftest.page_form_data keeps one value per name, so a multiple choice with several boxes checked (the
    downsizing row's legal bases, once saved) would be posted with its last box only: put every checked value back
    (but for the fields just typed)."""
    parser = _CheckedBoxes()
    parser.feed(page)
    data.update({name: values for name, values in parser.found.items() if len(values) > 1 and name not in typed})
    return data


def pick(page: str, name: str, choice: src.Choice) -> str:
    parser = _Choices(name)
    parser.feed(page)
    assert choice.label in parser.found, f"{name}: no choice “{choice.label}” among {sorted(parser.found)}"
    return parser.found[choice.label]


def type_into(client, report: Report, entries: dict[str, object], *, action: str = "save"):
    """Open the report page, type `entries` into its fields (choices picked by their label) and press "Lưu nháp"
    (action "save") or "Lưu và gửi báo cáo" (action "submit"); the page the browser lands on after the redirect."""
    url = url_of(report)
    page = client.get(url).content.decode()
    typed = {}
    for name, value in entries.items():
        assert f'name="{name}"' in page, f"the report page of {report.unit.code} has no field {name}"
        if isinstance(value, src.Choice):
            value = pick(page, name, value)
        elif isinstance(value, list):
            value = [pick(page, name, choice) for choice in value]
        typed[name.replace("-", "__")] = value
    form = page_form_data(client, url, tick_nil=action == "submit", **typed)  # "Không phát sinh" for empty sections
    data = posted_as_a_browser_does(page, form, typed=entries)
    data["action"] = action
    response = client.post(url, data, follow=True)
    assert response.status_code == 200, (response.status_code, errors_on(response))
    return response


def clerk_enters_and_submits(
    client, username: str, unit_code: str, passes: list[dict], warnings: tuple[str, ...] = ()
) -> Report:
    """The clerk signs in, opens the unit's Q1-2020 report from "Báo cáo của tôi", types each pass and saves it as a
    draft (the page then shows `warnings`, which do not block), then submits the report."""
    assert client.login(username=username, password=DEMO_PASSWORD)
    period = Period.objects.get(year=2020, quarter=1)
    mine = client.get(reverse("report_mine"), {"period": period.pk})
    [report] = records(mine)
    assert report.unit.code == unit_code and report.status == ReportStatus.DRAFT
    assert f'href="{url_of(report)}"' in mine.content.decode()

    for entries in passes:
        response = type_into(client, report, entries)
        assert errors_on(response) == []
        assert texts_of(response, "alert-success") == [SAVED]
    # Nothing disagrees with anything: no register, no earlier quarter, every ledger row adds up.
    assert warnings_on(response) == list(warnings)
    response = type_into(client, report, {}, action="submit")
    assert errors_on(response) == []
    assert texts_of(response, "alert-success") == [SENT]
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    client.logout()
    return report


def manager_approves(client, reports: list[Report]) -> None:
    """The manager finds both reports among the period's submissions and approves each with its review form."""
    assert client.login(username=src.MANAGER, password=DEMO_PASSWORD)
    period = Period.objects.get(year=2020, quarter=1)
    submitted = client.get(reverse("report_submissions"), {"period": period.pk, "status": ReportStatus.SUBMITTED})
    assert {r.pk for r in records(submitted)} == {r.pk for r in reports}
    for report in reports:
        page = client.get(url_of(report)).content.decode()
        assert 'name="action" value="approve"' in page
        response = client.post(
            reverse("report_review", args=[report.pk]), {"action": "approve", "reason": ""}, follow=True
        )
        assert errors_on(response) == []
        assert texts_of(response, "alert-success") == [APPROVED]
    client.logout()


@pytest.fixture
def published(client) -> Unit:
    """The article's report as the portal holds it once both clerks entered it and the manager approved it; the
    province."""
    load_reference_data()
    province = clerk_enters_and_submits(client, src.PROVINCE_CLERK, src.PROVINCE, src.PROVINCE_PASSES)
    # The article gives the service centre no text of its own: the page says so, and it does not block submitting.
    centre = clerk_enters_and_submits(
        client,
        src.CENTRE_CLERK,
        src.CENTRE,
        src.CENTRE_PASSES,
        warnings=("Hạn chế: chưa nhập.", "Nhiệm vụ trọng tâm kỳ tới: chưa nhập."),
    )
    manager_approves(client, [province, centre])
    return Unit.objects.get(code=src.PROVINCE)


# --- the workflow ---------------------------------------------------------------------------------------------------


def test_both_reports_are_entered_by_their_clerks_and_approved_by_the_manager(published):
    reports = {
        r.unit.code: r
        for r in Report.objects.filter(period__year=2020, period__quarter=1, unit__code__in=[src.PROVINCE, src.CENTRE])
    }
    for code, clerk in ((src.PROVINCE, src.PROVINCE_CLERK), (src.CENTRE, src.CENTRE_CLERK)):
        report = reports[code]
        assert report.status == ReportStatus.APPROVED
        assert report.submitted_by.username == clerk
        assert report.reviewed_by.username == src.MANAGER
        assert report.submitted_at <= report.reviewed_at
    # No other report of the quarter was touched.
    others = Report.objects.filter(period__year=2020, period__quarter=1).exclude(unit__code__in=list(reports))
    assert set(others.values_list("status", flat=True)) == {ReportStatus.DRAFT}


# --- the narrative report -------------------------------------------------------------------------------------------


def sentences_of(narrative, key: str) -> list[str]:
    [section] = [s for s in narrative.sections if s.key == key]
    return [sentence for paragraph in section.paragraphs for sentence in paragraph.sentences]


def paragraphs_of(narrative, key: str) -> list[str]:
    [section] = [s for s in narrative.sections if s.key == key]
    return [paragraph.text for paragraph in section.paragraphs]


def test_the_narrative_and_its_docx_say_every_figure_in_its_sentence(published, client):
    narrative = narrative_build(span=SPAN, scope=published)

    # Each section says what the article says, sentence for sentence.
    for key, expected in src.SENTENCES.items():
        said = sentences_of(narrative, key)
        assert [s for s in expected if s not in said] == [], key
    # Each figure of the issue is in its sentence, with the words that give it its meaning.
    for figure in src.FIGURES:
        found = [s for s in sentences_of(narrative, figure.section) if figure.said in s]
        assert found, f"{figure.name}: “{figure.said}” is in no sentence of {figure.section}"
        assert set(found) <= set(src.SENTENCES[figure.section]), figure.name
    for key, paragraph, _label, _text in src.TEXTS:
        assert paragraph in paragraphs_of(narrative, key)
    assert paragraphs_of(narrative, "next-tasks")[1:] == src.TASKS  # a numbered list, no open action in the seed
    for key in src.SENTENCES:  # "Trong quý I năm 2020" leads one sentence per section at most
        assert sum(s.startswith(src.LEAD) for s in sentences_of(narrative, key)) <= 1, key
    assert narrative.provisional == ()  # both reports are approved
    assert "None" not in narrative.text

    # The manager reads the same report on the page and downloads it as .docx: the same paragraphs, in order.
    client.force_login(get_user_model().objects.get(username=src.MANAGER))
    page = client.get(reverse("narrative_report"), {"period": SPAN.code})
    assert page.status_code == 200
    assert page.context["narrative"].lines() == narrative.lines()
    assert src.CENTRE_LEDGER.removeprefix(src.LEAD) in page.content.decode()
    download = client.get(reverse("narrative_download"), {"period": SPAN.code})
    assert download.status_code == 200
    paragraphs = [p.text for p in Document(io.BytesIO(download.content)).paragraphs if p.text.strip()]
    # Below the decree's letterhead (a table) and its "BÁO CÁO" block, the body is the narrative's, line for line.
    assert paragraphs[paragraphs.index("BÁO CÁO") + 2 :] == narrative.lines()[2:]
    for expected in src.SENTENCES.values():
        for sentence in expected:
            assert any(sentence in p for p in paragraphs), sentence


# --- the workbook ---------------------------------------------------------------------------------------------------


def summary_of(ws, head_row: int = 5) -> dict[str, dict[str, object]]:
    """The "Tổng hợp" sheet: unit code (the total row: "total:<code>") → {header: cell}."""
    headers = [cell.value for cell in ws[head_row]]
    out = {}
    for row in ws.iter_rows(min_row=head_row + 1):
        code, kind = row[1].value, row[2].value
        if not code:
            continue
        key = f"total:{code}" if str(kind).startswith("Tổng") else code
        out[key] = {header: cell for header, cell in zip(headers, row, strict=False) if header}
    return out


def tables_of(ws) -> dict[str, list[dict[str, object]]]:
    """An annex sheet's tables: title → rows, each {header: cell}; a table is its title row, the header row (which
    starts with "Đơn vị"), then its rows down to the next empty row."""
    rows = list(ws.iter_rows())
    tables: dict[str, list[dict]] = {}
    for index, row in enumerate(rows):
        if index == 0 or not row or row[0].value != "Đơn vị":
            continue
        title, headers = rows[index - 1][0].value, [cell.value for cell in row]
        assert title not in tables, f"two tables “{title}” on {ws.title}"
        body = tables[title] = []
        for data in rows[index + 1 :]:
            if all(cell.value is None for cell in data):
                break
            body.append({header: cell for header, cell in zip(headers, data, strict=False) if header})
    return tables


def cell_at(workbook, place: src.Place):
    if place.sheet == src.SUMMARY:
        rows = summary_of(workbook[place.sheet])
        assert place.unit in rows, f"no row {place.unit} on {place.sheet}"
        row = rows[place.unit]
    else:
        tables = tables_of(workbook[place.sheet])
        assert place.table in tables, f"no table “{place.table}” on {place.sheet}: {sorted(tables)}"
        matching = [
            r
            for r in tables[place.table]
            if r["Mã đơn vị"].value == place.unit and all(r[h].value == v for h, v in place.where)
        ]
        assert len(matching) == 1, f"{len(matching)} rows of {place.unit} {place.where} in “{place.table}”"
        row = matching[0]
        assert row["Kỳ báo cáo"].value == "Quý I/2020" and row["Trạng thái báo cáo"].value == "Đã duyệt"
    assert place.header in row, f"no column “{place.header}” in {place.table or place.sheet}"
    return row[place.header]


def check_cell(cell, place: src.Place) -> str | None:
    """None when the cell holds the place's value as the right kind of value, else what is wrong."""
    value, expected = cell.value, place.value
    if isinstance(expected, src.Share):
        ok = (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and "%" in cell.number_format
            and round(Decimal(str(value)) * 100, 2) == expected.percent
        )
    elif isinstance(expected, dt.date):
        ok = isinstance(value, dt.datetime) and value.date() == expected and cell.number_format == "dd/mm/yyyy"
    elif isinstance(expected, int):
        ok = type(value) is int and value == expected and cell.number_format == "#,##0"
    else:
        ok = isinstance(value, str) and value == expected
    if ok:
        return None
    return f"{place.sheet} / {place.table} / {place.unit} / {place.header}: {value!r} ({cell.number_format})"


def test_the_workbook_has_every_figure_in_its_labelled_place_as_a_number(published, tmp_path):
    pytest.importorskip("reports.exporters.xlsx", reason="the workbook writer is not installed yet")
    output = tmp_path / "bao-cao-2020-q1.xlsx"
    call_command("export_report", "--period", SPAN.code, "--format", "xlsx", "--output", str(output), verbosity=0)
    workbook = openpyxl.load_workbook(output)

    wrong = [
        problem
        for figure in src.FIGURES
        for place in figure.places
        if (problem := check_cell(cell_at(workbook, place), place))
    ]
    assert wrong == []

    # The province's closing text, on the text sheet, on its own row under its own label.
    ws = workbook[src.TEXTS_SHEET]
    rows = [tuple(cell.value for cell in row[:6]) for row in ws.iter_rows()]
    for _key, _paragraph, label, text in src.TEXTS:
        assert ("UBND tỉnh Cao Bằng", src.PROVINCE, "Quý I/2020", "Đã duyệt", label, text) in rows, label
    # Both reports are approved: no figure of theirs is marked provisional on the summary.
    summary = summary_of(workbook[src.SUMMARY])
    assert not summary[src.CENTRE]["Số liệu chưa duyệt"].value
    assert not summary[src.PROVINCE_TOTAL]["Số liệu chưa duyệt"].value
