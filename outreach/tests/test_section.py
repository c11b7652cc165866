"""The outreach section of the report page, posted as a browser would (clerk A, report A).

Items and typed counts are saved through the real page; bad input is refused with a Vietnamese message
naming the field (status 400, nothing saved); the table counts the items when there are any, else the
typed counts; typed counts that disagree with the items are a warning; the page costs a fixed number of
queries however many items it lists.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cchc.history import report_history
from cchc.models import Report
from conftest import page_form_data
from outreach.choices import CountSource, ItemKind, ReformScope
from outreach.models import OutreachCount, OutreachItem
from tests.report_page import assert_refused, errors_on, help_texts_on, post_page, url_of, warnings_on

from .builders import count, item, save_counts, save_items
from .pages import cell, counts_table

SECTION = "outreach"  # warnings and help texts are read in this section's card only
LINK = "https://baocaobang.vn/cao-bang-day-manh-cai-cach-hanh-chinh.html"


def item_row(index=0, **values) -> dict:
    """Overrides for page_form_data typing `values` into items row `index`."""
    return {f"outreach_items__{index}__{name}": str(value) for name, value in values.items()}


def count_row(index=0, **values) -> dict:
    return {f"outreach_counts__{index}__{name}": str(value) for name, value in values.items()}


def news_item(outlets, index=0, **changes) -> dict:
    values = {
        "outlet": outlets["newspaper"].pk,
        "published_on": "10/02/2020",
        "kind": ItemKind.NEWS,
        "title": "Cao Bằng đẩy mạnh cải cách hành chính",
        "link": LINK,
        "scope": ReformScope.NATIONAL,
    }
    values.update(changes)
    return item_row(index, **values)


def snapshot(report) -> tuple:
    report = Report.objects.get(pk=report.pk)
    return (
        report.version,
        list(OutreachItem.objects.order_by("pk").values()),
        list(OutreachCount.objects.order_by("pk").values()),
    )


@pytest.fixture
def clerk(client, cast):
    client.force_login(cast["clerk_a"])
    return cast["clerk_a"]


# --- saving ---------------------------------------------------------------------------------------


def test_clerk_records_an_item_and_the_table_counts_it(client, clerk, report_a, outlets):
    before = client.get(url_of(report_a))
    assert cell(before, outlets["newspaper"], ItemKind.NEWS) == "—"
    assert counts_table(before)[0] == "Chưa có tin, bài hay số liệu nào."

    response = post_page(client, report_a, **news_item(outlets))

    assert response.status_code == 302, errors_on(response)
    saved = OutreachItem.objects.get(report=report_a)
    assert (saved.outlet, saved.published_on, saved.kind) == (outlets["newspaper"], dt.date(2020, 2, 10), "news")
    assert (saved.title, saved.link, saved.scope) == ("Cao Bằng đẩy mạnh cải cách hành chính", LINK, "national")
    page = client.get(response.url)
    assert "Đã lưu nháp." in page.content.decode()
    source, cells = counts_table(page)
    assert source == "Tính từ các tin, bài đã nhập."
    newspaper = str(outlets["newspaper"].pk)
    assert cells[(newspaper, "news")] == "1" and cells[(newspaper, "total")] == "1"
    assert cells[("total", "news")] == "1" and cells[("total", "total")] == "1"
    assert cells[(newspaper, "article")] == "—" and cells[(str(outlets["radio"].pk), "news")] == "—"
    # The saved row is shown again (dd/mm/yyyy), with an empty row for the next item.
    data = page_form_data(client, url_of(report_a))
    assert data["outreach_items-0-published_on"] == "10/02/2020" and data["outreach_items-0-link"] == LINK
    assert data["outreach_items-TOTAL_FORMS"] == "2" and data["outreach_items-1-title"] == ""


def test_the_history_names_the_clerk_and_the_item(client, clerk, report_a, outlets):
    post_page(client, report_a, **news_item(outlets))
    changes = [c for c in report_history(report_a) if c.model == "tin, bài tuyên truyền CCHC"]
    assert {c.field for c in changes} == {
        "cơ quan báo chí",
        "ngày đăng, phát",
        "loại tin, bài",
        "tiêu đề",
        "đường dẫn",
        "phạm vi nội dung",
    }
    assert {c.user for c in changes} == {"An"}
    assert [c.new for c in changes if c.field == "tiêu đề"] == ["Cao Bằng đẩy mạnh cải cách hành chính"]
    assert [c.new for c in changes if c.field == "loại tin, bài"] == ["Tin"]
    history = client.get(reverse("report_history", args=[report_a.pk]))
    assert "Cao Bằng đẩy mạnh cải cách hành chính" in history.content.decode()


def test_an_untouched_page_saves_no_rows(client, clerk, report_a, outlets):
    response = post_page(client, report_a)
    assert response.status_code == 302, errors_on(response)
    assert not OutreachItem.objects.exists() and not OutreachCount.objects.exists()


def test_clerk_edits_and_deletes_saved_items(client, clerk, cast, report_a, outlets):
    save_items(report_a, cast["clerk_a"], item(outlets["newspaper"], 1), item(outlets["radio"], 2))
    response = post_page(client, report_a, **item_row(0, kind=ItemKind.ARTICLE), **item_row(1, DELETE="on"))
    assert response.status_code == 302, errors_on(response)
    assert list(OutreachItem.objects.values_list("outlet", "kind")) == [(outlets["newspaper"].pk, "article")]


def test_a_link_is_kept_in_its_normal_form(client, clerk, report_a, outlets):
    response = post_page(client, report_a, **news_item(outlets, link="HTTPS://BaoCaoBang.vn/Tin.html#dau"))
    assert response.status_code == 302, errors_on(response)
    assert OutreachItem.objects.get().link == "https://baocaobang.vn/Tin.html"


def test_an_item_without_a_link_is_accepted(client, clerk, report_a, outlets):
    response = post_page(client, report_a, **news_item(outlets, link=""))
    assert response.status_code == 302, errors_on(response)
    assert OutreachItem.objects.get().link == ""


# --- bad input: a message naming the field, status 400, nothing saved ------------------------------

BAD_ITEMS = {
    "date after the quarter": (
        {"published_on": "05/04/2020"},
        "Ngày đăng, phát: 05/04/2020 nằm ngoài kỳ báo cáo Quý I/2020 (01/01/2020 – 31/03/2020).",
    ),
    "date before the quarter": (
        {"published_on": "31/12/2019"},
        "Ngày đăng, phát: 31/12/2019 nằm ngoài kỳ báo cáo Quý I/2020 (01/01/2020 – 31/03/2020).",
    ),
    "not a date": ({"published_on": "30/02/2020"}, "Ngày đăng, phát: không đúng định dạng ngày (dd/mm/yyyy)."),
    "date missing": ({"published_on": ""}, "Ngày đăng, phát: bắt buộc nhập."),
    "unknown outlet": (
        {"outlet": "99999"},
        "Cơ quan báo chí: lựa chọn “99999” không hợp lệ (không có trong danh mục cơ quan báo chí).",
    ),
    "outlet missing": ({"outlet": ""}, "Cơ quan báo chí: bắt buộc chọn."),
    "unknown kind": ({"kind": "podcast"}, "Loại tin, bài: lựa chọn “podcast” không hợp lệ."),
    "kind missing": ({"kind": ""}, "Loại tin, bài: bắt buộc chọn."),
    "unknown scope": ({"scope": "world"}, "Phạm vi nội dung: lựa chọn “world” không hợp lệ."),
    "title missing": ({"title": "  "}, "Tiêu đề: bắt buộc nhập."),
    "not a link": (
        {"link": "baocaobang chấm vn"},
        "Đường dẫn: không phải địa chỉ web hợp lệ (ví dụ: https://baocaobang.vn/...).",
    ),
    "a link too long": (
        {"link": "https://baocaobang.vn/" + "a" * 480},
        "Đường dẫn: dài quá 500 ký tự (đang có 502).",
    ),
}


@pytest.mark.parametrize("changes, message", BAD_ITEMS.values(), ids=BAD_ITEMS.keys())
def test_a_bad_item_names_the_field_and_saves_nothing(client, clerk, report_a, outlets, changes, message):
    response = assert_refused(client, report_a, snapshot, message=message, **news_item(outlets, **changes))
    # What the clerk typed stays in the form, to be corrected.
    page = response.content.decode()
    for name, value in changes.items():
        if name in ("published_on", "link", "title") and value.strip():
            assert f'name="outreach_items-0-{name}" value="{value}"' in page
    if "title" not in changes:
        assert 'value="Cao Bằng đẩy mạnh cải cách hành chính"' in page


BAD_COUNTS = {
    "negative": ({"count": "-1"}, "Số lượng: không được âm."),
    "not a number": ({"count": "mười hai"}, "Số lượng: phải là số nguyên."),
    "a decimal": ({"count": "1,5"}, "Số lượng: phải là số nguyên."),
    "missing": ({"count": ""}, "Số lượng: bắt buộc nhập."),
    "unknown outlet": (
        {"outlet": "abc"},
        "Cơ quan báo chí: lựa chọn “abc” không hợp lệ (không có trong danh mục cơ quan báo chí).",
    ),
    "kind missing": ({"kind": ""}, "Loại tin, bài: bắt buộc chọn."),
}


@pytest.mark.parametrize("changes, message", BAD_COUNTS.values(), ids=BAD_COUNTS.keys())
def test_a_bad_typed_count_names_the_field_and_saves_nothing(client, clerk, report_a, outlets, changes, message):
    values = {"outlet": outlets["radio"].pk, "kind": ItemKind.NEWS, "count": 72, **changes}
    assert_refused(client, report_a, snapshot, message=message, **count_row(0, **values))


def test_a_good_item_beside_a_bad_one_is_not_saved_either(client, clerk, report_a, outlets):
    before = snapshot(report_a)
    response = post_page(
        client,
        report_a,
        outreach_items__TOTAL_FORMS="2",
        **news_item(outlets),
        **news_item(outlets, 1, link="https://crtv.vn/phong-su.html", published_on="01/07/2020"),
        **count_row(0, outlet=outlets["radio"].pk, kind=ItemKind.NEWS, count=72),
    )
    assert response.status_code == 400
    assert snapshot(report_a) == before


def test_the_same_link_twice_in_one_post_is_refused(client, clerk, report_a, outlets):
    before = snapshot(report_a)
    same = LINK.replace("https://baocaobang.vn", "HTTPS://BaoCaoBang.VN") + "#binh-luan"
    response = post_page(
        client,
        report_a,
        outreach_items__TOTAL_FORMS="2",
        **news_item(outlets),
        **news_item(outlets, 1, outlet=outlets["radio"].pk, link=same),
    )
    assert response.status_code == 400
    errors = errors_on(response)
    assert f"Đường dẫn: dòng 2 nhập lại đường dẫn của dòng 1 ({LINK})." in errors, errors
    assert not any("link" in e for e in errors), errors  # never the raw field name
    assert snapshot(report_a) == before


def test_a_link_another_unit_recorded_is_refused(client, clerk, cast, report_a, report_b, outlets):
    save_items(report_b, cast["clerk_b"], item(outlets["newspaper"], link=LINK))
    before = snapshot(report_a)
    response = post_page(client, report_a, **news_item(outlets))
    assert response.status_code == 400
    assert "Đường dẫn: tin, bài này đã được một đơn vị khác nhập (báo cáo Quý I/2020)." in errors_on(response)
    assert snapshot(report_a) == before


def test_a_new_row_repeating_a_saved_link_is_refused(client, clerk, cast, report_a, outlets):
    save_items(report_a, cast["clerk_a"], item(outlets["newspaper"], link=LINK, title="Bài đã nhập"))
    before = snapshot(report_a)
    response = post_page(client, report_a, **news_item(outlets, 1))
    assert response.status_code == 400
    errors = errors_on(response)
    assert f"Đường dẫn: dòng 2 nhập lại đường dẫn của dòng 1 ({LINK})." in errors, errors
    assert snapshot(report_a) == before


def test_a_link_moves_when_its_row_is_deleted_in_the_same_post(client, clerk, cast, report_a, outlets):
    save_items(report_a, cast["clerk_a"], item(outlets["newspaper"], link=LINK, title="Nhập nhầm cơ quan"))
    response = post_page(
        client, report_a, **item_row(0, DELETE="on"), **news_item(outlets, 1, outlet=outlets["radio"].pk)
    )
    assert response.status_code == 302, errors_on(response)
    assert list(OutreachItem.objects.values_list("outlet", "link")) == [(outlets["radio"].pk, LINK)]


def test_the_same_outlet_and_kind_twice_is_refused_in_vietnamese(client, clerk, report_a, outlets):
    before = snapshot(report_a)
    response = post_page(
        client,
        report_a,
        outreach_counts__TOTAL_FORMS="2",
        **count_row(0, outlet=outlets["radio"].pk, kind=ItemKind.NEWS, count=72),
        **count_row(1, outlet=outlets["radio"].pk, kind=ItemKind.NEWS, count=12),
    )
    assert response.status_code == 400
    errors = errors_on(response)
    assert (
        "Cơ quan báo chí: dòng 2 lặp lại Đài Phát thanh và Truyền hình tỉnh Cao Bằng — Tin của dòng 1; mỗi cơ quan "
        "báo chí và loại tin, bài chỉ nhập một dòng."
    ) in errors, errors
    assert not any("outlet" in e or "kind" in e for e in errors), errors
    assert snapshot(report_a) == before


# --- typed counts, the table, and the disagreement warning ----------------------------------------


def test_typed_counts_fill_the_table_when_there_are_no_items(client, clerk, report_a, outlets):
    response = post_page(
        client,
        report_a,
        outreach_counts__TOTAL_FORMS="3",
        **count_row(0, outlet=outlets["newspaper"].pk, kind=ItemKind.NEWS_OR_ARTICLE, count=12),
        **count_row(1, outlet=outlets["radio"].pk, kind=ItemKind.NEWS, count=72),
        **count_row(2, outlet=outlets["radio"].pk, kind=ItemKind.REPORTAGE, count=1234),
    )
    assert response.status_code == 302, errors_on(response)
    page = client.get(url_of(report_a))
    source, cells = counts_table(page)
    newspaper, radio = str(outlets["newspaper"].pk), str(outlets["radio"].pk)
    assert source == "Theo số liệu nhập tổng hợp."
    assert cells[(newspaper, "news_or_article")] == "12" and cells[(newspaper, "news")] == "—"
    assert cells[(radio, "news")] == "72" and cells[(radio, "reportage")] == "1.234"  # Vietnamese grouping
    assert cells[(radio, "total")] == "1.306" and cells[("total", "total")] == "1.318"
    assert warnings_on(page, section=SECTION) == [] or not any(
        "Đài Phát thanh" in w for w in warnings_on(page, section=SECTION)
    )


def test_a_typed_zero_is_shown_as_zero(client, clerk, report_a, outlets):
    response = post_page(client, report_a, **count_row(0, outlet=outlets["radio"].pk, kind=ItemKind.EVENT, count=0))
    assert response.status_code == 302, errors_on(response)
    assert cell(client.get(url_of(report_a)), outlets["radio"], ItemKind.EVENT) == "0"


def test_items_take_over_the_table_and_typed_counts_that_disagree_are_a_warning(client, clerk, cast, report_a, outlets):
    report = save_counts(
        report_a,
        cast["clerk_a"],
        count(outlets["newspaper"], ItemKind.NEWS_OR_ARTICLE, 12),
        count(outlets["radio"], ItemKind.REPORTAGE, 2),
    )
    save_items(
        report,
        cast["clerk_a"],
        item(outlets["newspaper"], 1),
        item(outlets["newspaper"], 2, kind=ItemKind.ARTICLE),
        item(outlets["newspaper"], 3, kind=ItemKind.ARTICLE),
        item(outlets["radio"], 4, kind=ItemKind.REPORTAGE),
        item(outlets["radio"], 5, kind=ItemKind.REPORTAGE),
    )
    page = client.get(url_of(report_a))
    source, cells = counts_table(page)
    assert source == "Tính từ các tin, bài đã nhập."
    newspaper = str(outlets["newspaper"].pk)
    assert (cells[(newspaper, "news")], cells[(newspaper, "article")], cells[(newspaper, "news_or_article")]) == (
        "1",
        "2",
        "—",
    )
    assert warnings_on(page, section=SECTION) == [
        "Báo Cao Bằng — Tin, bài (kể cả không tách): số nhập tổng hợp 12 khác số theo danh sách tin, bài đã nhập (3); "
        "bảng tổng hợp dùng số theo danh sách."
    ]
    # Each typed row says what the list gives for it: the pre-fill the clerk compares with.
    assert "Theo danh sách tin, bài: 0" in help_texts_on(page, section=SECTION)  # the "không tách" cell itself
    assert "Theo danh sách tin, bài: 2" in help_texts_on(page, section=SECTION)  # radio reportages: they agree


def test_typed_counts_that_agree_with_the_items_give_no_warning(client, clerk, cast, report_a, outlets):
    report = save_counts(
        report_a,
        cast["clerk_a"],
        count(outlets["newspaper"], ItemKind.NEWS_OR_ARTICLE, 3),
        count(outlets["radio"], ItemKind.NEWS, 1),
    )
    save_items(
        report,
        cast["clerk_a"],
        item(outlets["newspaper"], 1),
        item(outlets["newspaper"], 2),
        item(outlets["newspaper"], 3, kind=ItemKind.ARTICLE),
        item(outlets["radio"], 4),
    )
    assert warnings_on(client.get(url_of(report_a)), section=SECTION) == []


def test_split_typed_counts_are_compared_kind_by_kind(client, clerk, cast, report_a, outlets):
    report = save_counts(
        report_a,
        cast["clerk_a"],
        count(outlets["radio"], ItemKind.NEWS, 1),
        count(outlets["radio"], ItemKind.ARTICLE, 1),
    )
    save_items(report, cast["clerk_a"], item(outlets["radio"], 1), item(outlets["radio"], 2))
    assert warnings_on(client.get(url_of(report_a)), section=SECTION) == [
        "Đài Phát thanh và Truyền hình tỉnh Cao Bằng — Tin: số nhập tổng hợp 1 khác số theo danh sách tin, bài đã "
        "nhập (2); bảng tổng hợp dùng số theo danh sách.",
        "Đài Phát thanh và Truyền hình tỉnh Cao Bằng — Bài viết: số nhập tổng hợp 1 khác số theo danh sách tin, bài "
        "đã nhập (0); bảng tổng hợp dùng số theo danh sách.",
    ]


def test_the_counts_source_helper_agrees_with_the_page(report_a, cast, outlets):
    from outreach import selectors

    assert selectors.counts_get(report=report_a).source is None
    save_counts(report_a, cast["clerk_a"], count(outlets["radio"], ItemKind.NEWS, 72))
    assert selectors.counts_get(report=report_a).source == CountSource.TYPED


# --- locked reports, empty register, cost ---------------------------------------------------------


def test_an_approved_report_shows_the_section_read_only(client, cast, approved_report_a, outlets):
    client.force_login(cast["clerk_a"])
    page = client.get(url_of(approved_report_a)).content.decode()
    assert 'name="outreach_items-0-title"' not in page  # read-only: no empty row offered to fill in
    data = page_form_data(client, url_of(approved_report_a))
    assert "outreach_items-0-title" not in data
    data.update({"outreach_items-0-title": "Sửa sau khi duyệt", "action": "save"})
    assert client.post(url_of(approved_report_a), data).status_code == 403
    assert not OutreachItem.objects.exists()


def test_without_outlets_the_section_says_the_register_is_empty(client, clerk, report_a):
    page = client.get(url_of(report_a)).content.decode()
    assert "Danh mục cơ quan báo chí chưa có; quản trị viên thêm trong trang quản trị." in page


def test_the_manager_reads_the_section(client, cast, report_a, outlets):
    save_items(report_a, cast["clerk_a"], item(outlets["radio"], kind=ItemKind.REPORTAGE))
    client.force_login(cast["manager"])
    assert cell(client.get(url_of(report_a)), outlets["radio"], ItemKind.REPORTAGE) == "1"


def _page_queries(client, report) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url_of(report))
    assert response.status_code == 200
    return len(queries)


def test_the_report_page_costs_the_same_queries_for_a_few_or_many_items(client, clerk, cast, report_a, outlets):
    report = save_items(report_a, cast["clerk_a"], *[item(outlets["newspaper"], n) for n in range(2)])
    report = save_counts(report, cast["clerk_a"], count(outlets["radio"], ItemKind.NEWS, 1))
    few = _page_queries(client, report_a)
    report = save_items(
        report, cast["clerk_a"], *[item(outlets["radio"], n, kind=ItemKind.REPORTAGE) for n in range(2, 12)]
    )
    save_counts(
        report,
        cast["clerk_a"],
        count(outlets["radio"], ItemKind.REPORTAGE, 10),
        count(outlets["newspaper"], ItemKind.ARTICLE, 3),
    )
    assert OutreachItem.objects.count() == 12
    assert _page_queries(client, report_a) == few
