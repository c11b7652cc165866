"""Reading the report page as a user sees it: errors, warnings, and the outreach section's table of counts."""

from html.parser import HTMLParser

from django.urls import reverse

from conftest import page_form_data


def url_of(report) -> str:
    return reverse("report_detail", args=[report.pk])


def post_page(client, report, *, action="save", **overrides):
    """GET the report page, type `overrides` into its form (`__` → `-`), and press "Lưu nháp"."""
    data = page_form_data(client, url_of(report), **overrides)
    data["action"] = action
    return client.post(url_of(report), data)


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


def _texts(response, *classes, html: str | None = None) -> list[str]:
    parser = _Collector(classes)
    parser.feed(response.content.decode() if html is None else html)
    return parser.found


def section_html(response, key: str = "outreach") -> str:
    """The HTML of one section of the report page (its card)."""
    page = response.content.decode()
    start = page.index(f'id="section-{key}"')
    return page[start:page.index("</section>", start)]


def errors_on(response) -> list[str]:
    """Every error the page shows: field errors, form errors and the red alerts."""
    return _texts(response, "invalid-feedback", "alert-danger")


def warnings_on(response) -> list[str]:
    """The warnings of the outreach section (other sections have their own)."""
    return _texts(response, "alert-warning", html=section_html(response))


def form_texts(response) -> list[str]:
    return _texts(response, "form-text", html=section_html(response))


class _Counts(HTMLParser):
    """The cells of table#outreach-counts: {(outlet pk or "total", kind or "total"): text}."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inside, self.outlet, self.kind, self.cells, self.source = False, None, None, {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.inside = attrs.get("id") == "outreach-counts"
        elif self.inside and tag == "tr":
            self.outlet = attrs.get("data-outlet")
        elif self.inside and tag == "td" and self.outlet:
            self.kind = attrs.get("data-kind")
            self.cells[(self.outlet, self.kind)] = ""
        elif tag == "p" and attrs.get("id") == "outreach-counts-source":
            self.source = ""

    def handle_endtag(self, tag):
        if tag == "table":
            self.inside = False
        elif tag == "td":
            self.kind = None
        elif tag == "p" and self.source is not None and not isinstance(self.source, tuple):
            self.source = (self.source.strip(),)

    def handle_data(self, data):
        if self.inside and self.kind:
            self.cells[(self.outlet, self.kind)] += data.strip()
        if isinstance(self.source, str):
            self.source += data


def counts_table(response) -> tuple[str, dict]:
    """(the line saying where the counts come from, the table's cells)."""
    parser = _Counts()
    parser.feed(response.content.decode())
    source = parser.source[0] if isinstance(parser.source, tuple) else ""
    return source, parser.cells


def cell(response, outlet, kind) -> str:
    return counts_table(response)[1][(str(outlet.pk), str(kind))]
