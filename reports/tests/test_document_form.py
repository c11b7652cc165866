"""The narrative report in the form of Nghị định 30/2020/NĐ-CP: letterhead, number, place and date, "BÁO CÁO",
recipients and signature from the scope's settings, page numbers from page 2, an admin's own Word template
(rendered in a sandbox), and the managers' edits shown marked on the page and in the .docx."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from cchc.models import Unit
from reports.document.admin import DocumentSettingForm
from reports.document.models import DocumentSetting, NarrativeEdit
from reports.document.render import TemplateProblem, check_template
from reports.exporters.docx import narrative_docx
from reports.narrative import narrative_build
from reports.periods import PeriodSpan

Q1 = PeriodSpan.parse("2020-Q1")
PAGE, DOWNLOAD, EDIT = "narrative_report", "narrative_download", "narrative_edit"
EDITED_STYLE = "Đoạn biên tập"


@pytest.fixture
def province(demo_data):
    return Unit.objects.get(code="CB")


def user(username):
    return get_user_model().objects.get(username=username)


def cells(document) -> list[list[str]]:
    """Each table's cells, as the lines of text in each."""
    return [[cell.text.strip() for cell in table.rows[0].cells] for table in document.tables]


def docx_of(province, **kwargs) -> Document:
    narrative = narrative_build(span=Q1, scope=province)
    return Document(io.BytesIO(narrative_docx(narrative, scope=province, **kwargs)))


def _template(*lines: str) -> bytes:
    document = Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- the form ------------------------------------------------------------------------------------------


def test_the_default_form_has_the_decrees_letterhead_title_block_and_signature(province):
    document = docx_of(province, user=user("quanly.snv"))

    (issuer, national), (recipients, signer) = cells(document)
    assert issuer.splitlines() == ["UBND TỈNH CAO BẰNG", "", "Số: …/BC-UBND"]  # the blank line is the rule
    assert national.splitlines() == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "",
        "Cao Bằng, ngày … tháng … năm …",
    ]
    date = document.tables[0].rows[0].cells[1].paragraphs[-1]
    assert all(run.italic for run in date.runs)
    texts = [p.text for p in document.paragraphs if p.text.strip()]
    assert texts[:2] == ["BÁO CÁO", "Kết quả thực hiện công tác cải cách hành chính quý I năm 2020"]
    assert recipients.splitlines() == ["Nơi nhận:", "- Bộ Nội vụ (b/c);", "- Lưu: VT."]
    assert [line for line in signer.splitlines() if line] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert "{{" not in document.element.xml and "{%" not in document.element.xml


def test_the_page_has_the_decrees_margins_times_new_roman_14_and_page_numbers_from_page_two(province):
    document = docx_of(province)

    section = document.sections[0]
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin)] == [20, 20, 30]
    assert round(section.right_margin.mm) == 15
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Normal"].font.size == Pt(14)
    assert section.different_first_page_header_footer
    assert section.first_page_header.paragraphs[0].text == ""
    fields = section.header._element.findall(".//" + qn("w:fldSimple"))
    assert [f.get(qn("w:instr")).strip() for f in fields] == ["PAGE"]


def test_the_author_is_the_portal_and_the_user_with_title_and_date(province):
    properties = docx_of(province, user=user("quanly.snv")).core_properties

    assert properties.author.startswith("Cổng báo cáo CCHC — ")
    assert "Nguyễn Thị" in properties.author and "python-docx" not in properties.author
    assert properties.title == "Báo cáo tình hình thực hiện công tác cải cách hành chính quý I năm 2020"
    assert properties.created is not None and properties.created.year >= 2025


def test_the_settings_of_the_scope_give_number_suffix_recipients_and_signer(province):
    DocumentSetting.objects.create(
        unit=province,
        issuing_body="ỦY BAN NHÂN DÂN TỈNH CAO BẰNG",
        place="Cao Bằng",
        number_suffix="BC-UBND",
        recipients="Bộ Nội vụ (b/c);\nTT Tỉnh ủy, TT HĐND tỉnh;\nLưu: VT, NC.",
        signer_lines="TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
        signer_name="Nguyễn Văn A",
    )

    document = docx_of(province, number="125")

    (issuer, _national), (recipients, signer) = cells(document)
    assert issuer.splitlines()[0] == "ỦY BAN NHÂN DÂN TỈNH CAO BẰNG"
    assert issuer.splitlines()[-1] == "Số: 125/BC-UBND"
    assert "- TT Tỉnh ủy, TT HĐND tỉnh;" in recipients.splitlines()
    assert signer.splitlines()[-1] == "Nguyễn Văn A"


def test_a_department_gets_its_province_above_it_and_a_directors_signature(province):
    department = Unit.objects.filter(parent=province, kind="department").order_by("sort_order").first()

    (issuer, _national), (_recipients, signer) = cells(docx_of(department))

    assert issuer.splitlines()[:2] == ["UBND TỈNH CAO BẰNG", department.name.upper()]
    assert issuer.splitlines()[-1] == "Số: …/BC"
    assert [line for line in signer.splitlines() if line] == ["GIÁM ĐỐC"]


# --- an admin's own template -------------------------------------------------------------------------------


def test_an_uploaded_template_is_used_for_its_scope(province):
    template = _template("{{ issuing_body }} — {{ summary }}", "{%p for p in body %}", "{{ p.text }}", "{%p endfor %}")
    form = DocumentSettingForm(
        data={"unit": province.pk, "issuing_body": "UBND TỈNH CAO BẰNG", "number_suffix": "BC-UBND"},
        files={"upload": SimpleUploadedFile("mau.docx", template)},
    )
    assert form.is_valid(), form.errors
    form.save()

    texts = [p.text for p in docx_of(province).paragraphs]

    assert texts[0] == "UBND TỈNH CAO BẰNG — Kết quả thực hiện công tác cải cách hành chính quý I năm 2020"
    assert "1. Chỉ đạo, điều hành và tuyên truyền" in texts
    assert DocumentSetting.objects.get(unit=province).template_name == "mau.docx"


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (_template("{{ ''.__class__.__mro__[1].__subclasses__() }}"), "thẻ Jinja không hợp lệ"),  # the sandbox
        (_template("{% for p in body %}"), "thẻ Jinja không hợp lệ"),
        (b"PK not a word file", "không phải tài liệu Word"),
    ],
)
def test_a_template_that_cannot_serve_is_refused_with_a_message(db, template, message):
    with pytest.raises(TemplateProblem, match=message):
        check_template(template)


def test_the_admin_form_refuses_a_bad_template_and_saves_nothing(province):
    form = DocumentSettingForm(
        data={"unit": province.pk, "issuing_body": "UBND", "number_suffix": "BC-UBND"},
        files={"upload": SimpleUploadedFile("mau.docx", _template("{{ issuing_body "))},
    )

    assert not form.is_valid()
    assert "Mẫu Word" in form.errors["upload"][0]
    assert not DocumentSetting.objects.exists()


# --- the managers' edits -----------------------------------------------------------------------------------


def post_edit(client, **data):
    url = reverse(EDIT) + "?period=2020-Q1"
    return client.post(url, {"mode": "add", **data})


def test_a_manager_adds_a_paragraph_shown_marked_on_the_page_and_in_the_docx(province, client):
    client.force_login(user("quanly.snv"))
    text = "Trong quý, Sở Nội vụ đã tổ chức 02 hội nghị tập huấn về CCHC."

    response = post_edit(client, section="area-1", text=text)

    assert response.status_code == 302 and response["Location"].endswith("#section-area-1")
    page = client.get(reverse(PAGE), {"period": "2020-Q1"})
    content = page.content.decode()
    assert 'data-edited="1"' in content and text in content and "Đã biên tập" in content
    area = next(s for s in page.context["narrative"].sections if s.key == "area-1")
    assert area.paragraphs[-1].text == text and len(area.paragraphs) > 1  # the generated text stays before it
    document = Document(io.BytesIO(client.get(reverse(DOWNLOAD), {"period": "2020-Q1"}).content))
    edited = [p for p in document.paragraphs if p.text == text]
    assert [p.style.name for p in edited] == [EDITED_STYLE]
    assert "1. Chỉ đạo, điều hành và tuyên truyền" in document.core_properties.comments


def test_replace_then_clear_keeps_the_history_and_restores_the_generated_text(province, client):
    client.force_login(user("quanly.snv"))
    generated = next(s for s in narrative_build(span=Q1, scope=province).sections if s.key == "area-6")

    post_edit(client, section="area-6", text="Thực hiện cơ chế tự chủ tài chính.", mode="replace")
    replaced = next(
        s for s in client.get(reverse(PAGE), {"period": "2020-Q1"}).context["narrative"].sections if s.key == "area-6"
    )
    post_edit(client, section="area-6", text="")
    restored = next(
        s for s in client.get(reverse(PAGE), {"period": "2020-Q1"}).context["narrative"].sections if s.key == "area-6"
    )

    assert [p.text for p in replaced.paragraphs] == ["Thực hiện cơ chế tự chủ tài chính."]
    assert restored.paragraphs == generated.paragraphs
    assert not NarrativeEdit.objects.exists()
    history = NarrativeEdit.history.filter(section_key="area-6").order_by("history_date")
    assert [h.history_type for h in history] == ["+", "-"]
    assert history.first().history_user == user("quanly.snv")


def test_an_unknown_section_is_refused_with_a_message_and_nothing_saved(province, client):
    client.force_login(user("quanly.snv"))

    response = post_edit(client, section="khong-co", text="Đoạn văn.")

    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "Mục: không có trong báo cáo." in page.content.decode()
    assert not NarrativeEdit.objects.exists()


@pytest.mark.parametrize("username", ["canbo.tinh", "xem.ubnd", "canbo.tthcc"])
def test_clerks_and_viewers_may_not_edit_nor_see_the_form(province, client, username):
    client.force_login(user(username))

    response = post_edit(client, section="area-1", text="Đoạn văn.")
    page = client.get(reverse(PAGE), {"period": "2020-Q1"})

    assert response.status_code == 403
    assert not NarrativeEdit.objects.exists()
    assert reverse(EDIT) not in page.content.decode()


def test_a_quarter_with_no_data_gives_a_clean_document(province):
    narrative = narrative_build(span=PeriodSpan.parse("2019-Q4"), scope=province)

    document = Document(io.BytesIO(narrative_docx(narrative, scope=province)))

    body = [p for p in document.paragraphs if p.text.strip()]
    body = body[[p.text for p in body].index("BÁO CÁO") + 2 :]
    for paragraph, following in zip(body, body[1:] + [None], strict=True):
        if paragraph.style.name == "Heading 2" or paragraph.text.startswith(("II.", "III.")):
            assert following is not None and not following.style.name.startswith("Heading"), paragraph.text
    text = "\n".join(p.text for p in body)
    assert "None" not in text and " 0 " not in text
    assert "Trong kỳ chưa có số liệu được báo cáo về lĩnh vực này." in text
