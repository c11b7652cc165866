"""Reading the portal's pages as a browser would, shared by the apps' tests.

The report page: open it (`url_of`), post its form with fields typed in (`post_page`), and read what it shows
(`text`, and by CSS class `texts_of`, `errors_on`, `warnings_on`, `help_texts_on`, `submit_checks_on`, the
failed checks `checks_on` and their explanations `explanations_on`, `explanation_field`), on
the whole page or inside one section's card (`section=`, `section_html`).

The lists: sign in and open one (`get`), its rows (`records`) and what a page costs (`query_count`); their
exports are read with tests/readers.py.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import page_form_data

# --- the report page --------------------------------------------------------------------------------------


def url_of(report) -> str:
    return reverse("report_detail", args=[report.pk])


def post_page(client, report, *, action: str = "save", **overrides):
    """GET the report page, type `overrides` into its form (`iso__units_applying` → `iso-units_applying`),
    and press "Lưu nháp" (or "Lưu và gửi" with action="submit", ticking "Không phát sinh" for the sections the
    summary lists as empty: a section filled in the same post keeps its figures and loses the tick)."""
    data = page_form_data(client, url_of(report), tick_nil=action == "submit", **overrides)
    data["action"] = action
    return client.post(url_of(report), data)


NOT_SAVED = "Chưa lưu: hãy sửa các ô báo lỗi bên dưới."


def assert_refused(client, report, snapshot, *, message: str | None = None, action: str = "save", **overrides):
    """POST the report page with `overrides` and assert the save is refused and nothing saved: status 400,
    the page's "not saved" line first, `message` among the errors (when given), and `snapshot(report)` (the
    app's picture of every figure it stores) unchanged. Returns the response for the test's own checks."""
    before = snapshot(report)
    response = post_page(client, report, action=action, **overrides)
    assert response.status_code == 400
    errors = errors_on(response)
    assert errors[0] == NOT_SAVED, errors
    if message is not None:
        assert message in errors, errors
    assert snapshot(report) == before
    return response


def text(response) -> str:
    return html.unescape(response.content.decode())


def section_html(response, key: str) -> str:
    """The HTML of one section of the report page (its card, `id="section-<key>"`, or in the read document
    `id="read-<key>"`)."""
    page = response.content.decode()
    # The form's card, or the read document's section when the user cannot edit the report (issue 17).
    marker = f'id="section-{key}"' if f'id="section-{key}"' in page else f'id="read-{key}"'
    start = page.index(marker)
    return page[start : page.index("</section>", start)]


class _Collector(HTMLParser):
    """Texts of the elements whose class holds one of `classes` (nested tags flattened)."""

    def __init__(self, classes):
        super().__init__(convert_charrefs=True)
        self.classes, self.depth, self.found, self._parts = set(classes), 0, [], []

    def handle_starttag(self, tag, attrs):
        if tag in ("input", "br", "meta", "link", "img", "hr"):
            return
        if self.depth:
            self.depth += 1
        elif self.classes & set((dict(attrs).get("class") or "").split()):
            self.depth, self._parts = 1, []

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            if not self.depth:
                self.found.append(" ".join("".join(self._parts).split()))

    def handle_data(self, data):
        if self.depth:
            self._parts.append(data)


def texts_of(response, *classes: str, section: str | None = None) -> list[str]:
    """Texts of the elements whose class holds one of `classes`: on the whole page, or in one section's card."""
    parser = _Collector(classes)
    parser.feed(response.content.decode() if section is None else section_html(response, section))
    return parser.found


def errors_on(response, *, section: str | None = None) -> list[str]:
    """Every error the page shows: field errors, form errors and the red alerts."""
    return texts_of(response, "invalid-feedback", "alert-danger", section=section)


def warnings_on(response, *, section: str | None = None) -> list[str]:
    return texts_of(response, "alert-warning", section=section)


def help_texts_on(response, *, section: str | None = None) -> list[str]:
    return texts_of(response, "form-text", section=section)


def checks_on(response, *, section: str | None = None) -> list[str]:
    """The messages of the failed checks (cchc/checks.py) the page shows in the sections' cards."""
    return texts_of(response, "check-message", section=section)


def explanations_on(response, *, section: str | None = None) -> list[str]:
    """The stored explanations the page shows read-only (to a manager), each "Giải trình: …"."""
    return texts_of(response, "check-explanation", section=section)


def explanation_field(section: str, code: str) -> str:
    """The form key (for `post_page`) of the explanation box of check `code` in `section`."""
    from cchc.forms import ExplanationsForm

    return f"explain-{section}-{ExplanationsForm.field_name(code)}"


def submit_checks_on(response, *, section: str | None = None) -> list[str]:
    return texts_of(response, "alert-light", section=section)


# --- the lists ----------------------------------------------------------------------------------------------


def get(client, user, name, params=None):
    """Sign `user` in and GET the named page with `params`."""
    client.force_login(user)
    return client.get(reverse(name), params or {})


def records(response) -> list:
    """The records of the rows the list's page shows."""
    assert response.status_code == 200, response.status_code
    return [row.record for row in response.context["table"].page.object_list]


def query_count(client, url, params) -> int:
    """How many queries one GET of `url` with `params` costs (it must answer 200)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return len(queries)
