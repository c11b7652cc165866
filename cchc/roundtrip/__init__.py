"""Excel round-trip of a report (issue 14): a pre-filled workbook per unit and period, uploaded back with a
dry-run diff.

- `layout`: walks the section registry (the same forms as the report page) into keys, labels and the
  text a form takes for each value; nothing here knows a section by name.
- `template`: writes the workbook (one sheet per reform area, validation, protection, a signed hidden
  sheet with unit, period, report, version, the cell map and the values at download).
- `reader`: opens an upload and refuses what it must (not an xlsx, macros, password, too big, tampered,
  merged or moved cells, formulas), and reads the values back into the same keys.
- `diff`: the three-way merge against the portal's current values, the page's form validation with
  errors named by sheet and cell, the dry run of the save (rolled back) for the checks, and the save.
See docs/roundtrip.md.
"""
