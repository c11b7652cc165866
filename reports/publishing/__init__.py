"""Published scorecards (frozen "as reported" snapshots, numbered revisions, "as reported vs revised")
and corrective actions on red and yellow cells. See docs/publishing.md.

Rooms: `models` (imported by reports.models), `choices`, `snapshot` (Scorecard ⇄ JSON, checksums),
`services` (writes), `selectors` (reads), `differences` (published vs live), `workbook` (the "revised"
workbook), `forms`, `views`, `urls` (included under /tong-hop/), `admin` (imported by reports.admin).
"""
