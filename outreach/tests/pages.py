"""Reading the outreach section's table of counts on the report page.

The readers every section shares (posting the page, its errors, warnings and help texts) are in
`tests.report_page`.
"""

from html.parser import HTMLParser


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
