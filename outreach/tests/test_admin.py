"""Django admin of outreach: every model registered with history, folded search, the lock and its override."""

import pytest
from django.contrib import admin
from django.urls import reverse

from cchc import services
from cchc.admin import LockAwareAdmin
from conftest import fill_narrative
from outreach.choices import ItemKind
from outreach.models import MediaOutlet, OutreachCount, OutreachItem

from .builders import count, item, save_counts, save_items

MODELS = ["mediaoutlet", "outreachitem", "outreachcount"]


@pytest.fixture
def rows(report_a, cast, outlets):
    report = save_items(report_a, cast["clerk_a"], item(outlets["newspaper"], 1, title="Cải cách hành chính tỉnh"))
    save_counts(report, cast["clerk_a"], count(outlets["radio"], ItemKind.NEWS, 72))
    return {"item": OutreachItem.objects.get(), "count": OutreachCount.objects.get()}


@pytest.fixture
def admin_client(client, cast):
    client.force_login(cast["admin"])
    return client


def changelist(admin_client, model, **params):
    response = admin_client.get(reverse(f"admin:outreach_{model}_changelist"), params)
    assert response.status_code == 200
    return response


def shown(response) -> set[str]:
    return {str(obj) for obj in response.context["cl"].result_list}


def test_every_model_is_registered_with_history_and_report_rows_obey_the_lock():
    for model in (MediaOutlet, OutreachItem, OutreachCount):
        assert hasattr(admin.site._registry[model], "history_view"), model.__name__
    for model in (OutreachItem, OutreachCount):
        assert isinstance(admin.site._registry[model], LockAwareAdmin), model.__name__


@pytest.mark.parametrize("model", MODELS)
def test_changelists_and_change_pages_open_for_the_admin(admin_client, rows, model):
    from django.apps import apps

    assert changelist(admin_client, model).context["cl"].result_count >= 1
    obj = apps.get_model("outreach", model).objects.first()
    assert admin_client.get(reverse(f"admin:outreach_{model}_change", args=[obj.pk])).status_code == 200
    assert admin_client.get(reverse(f"admin:outreach_{model}_history", args=[obj.pk])).status_code == 200


@pytest.mark.parametrize(
    ("model", "term", "expected"),
    [
        ("mediaoutlet", "bao cao bang", {"Báo Cao Bằng"}),
        ("mediaoutlet", "Phát thanh", {"Đài Phát thanh và Truyền hình tỉnh Cao Bằng"}),
        ("outreachitem", "cai cach hanh chinh", {"Cải cách hành chính tỉnh"}),
        ("outreachitem", "so noi vu", {"Cải cách hành chính tỉnh"}),
        ("outreachitem", "baocaobang.vn", {"Cải cách hành chính tỉnh"}),
        ("outreachitem", "so tu phap", set()),
        (
            "outreachcount",
            "dai phat thanh",
            {"Sở Nội vụ — Quý I/2020 — Đài Phát thanh và Truyền hình tỉnh Cao Bằng — Tin"},
        ),
    ],
)
def test_admin_search_ignores_diacritics(admin_client, rows, model, term, expected):
    assert shown(changelist(admin_client, model, q=term)) == expected


def test_an_outlet_added_in_admin_is_kept_in_its_history(admin_client):
    response = admin_client.post(
        reverse("admin:outreach_mediaoutlet_add"),
        {
            "name": "Cổng thông tin điện tử tỉnh Cao Bằng",
            "kind": "web_portal",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    outlet = MediaOutlet.objects.get()
    assert outlet.name_search == "cong thong tin dien tu tinh cao bang"
    assert outlet.history.get().history_user.username == "admin"


def test_admin_refuses_the_same_outlet_name_with_the_message(admin_client, outlets):
    response = admin_client.post(reverse("admin:outreach_mediaoutlet_add"), {"name": "Báo Cao Bằng", "kind": "other"})
    assert response.status_code == 200
    assert "Tên cơ quan báo chí: đã có trong danh mục." in response.content.decode()


def item_data(report, outlet, **changes) -> dict:
    data = {
        "report": report.pk,
        "outlet": outlet.pk,
        "published_on": "12/02/2020",
        "kind": "article",
        "title": "Bài viết nhập trong trang quản trị",
        "link": "https://baocaobang.vn/quan-tri.html",
        "scope": "local",
    }
    data.update(changes)
    return data


def test_admin_refuses_a_date_outside_the_quarter_and_a_taken_link(admin_client, rows, report_a, outlets):
    url = reverse("admin:outreach_outreachitem_add")
    outside = admin_client.post(url, item_data(report_a, outlets["radio"], published_on="01/04/2020"))
    assert outside.status_code == 200
    assert "Ngày đăng, phát: 01/04/2020 nằm ngoài kỳ báo cáo Quý I/2020" in outside.content.decode()
    same = rows["item"].link.replace("https://baocaobang.vn", "HTTPS://BaoCaoBang.VN")
    taken = admin_client.post(url, item_data(report_a, outlets["radio"], link=same))
    assert taken.status_code == 200
    assert "Đường dẫn: tin, bài có đường dẫn này đã được nhập." in taken.content.decode()
    assert OutreachItem.objects.count() == 1


def test_superuser_edit_of_an_item_of_an_approved_report_is_an_override(admin_client, rows, cast, report_a, outlets):
    report_a.refresh_from_db()
    report = services.report_submit(report=fill_narrative(report_a, cast["clerk_a"]), user=cast["clerk_a"])
    services.report_approve(report=report, user=cast["manager"])
    obj = rows["item"]
    response = admin_client.post(
        reverse("admin:outreach_outreachitem_change", args=[obj.pk]),
        item_data(report_a, outlets["newspaper"], title="Sửa sau khi duyệt", link=obj.link),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    obj.refresh_from_db()
    assert obj.title == "Sửa sau khi duyệt"
    assert "ghi đè khóa" in obj.history.latest().history_change_reason
