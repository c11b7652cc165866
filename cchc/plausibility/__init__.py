"""Plausibility checks: values that add up but are unlikely (an extra digit, a stock that falls, a range broken).

One mechanism over the figure layer (cchc/figures.py): every typed figure of a unit's quarter is compared

- with the unit's own history (median and median absolute deviation of the last reported quarters);
- across periods, by its declaration (`must_not_fall` stocks and `cumulative` year-to-date figures);
- with the admins' ranges (`PlausibilityRange`: a minimum, a maximum, at most N times the previous quarter);
- with the units of the same kind in the same quarter (for the manager's data-quality page only).

Every finding is a warning under the one policy of cchc/checks.py: kind RECONCILE and explainable, so a value
is never refused; the report cannot be submitted until each finding is fixed or explained. `rules` holds the
arithmetic (pure functions, no queries), `selectors` the reads, `section` the report hook, `views` the page.
Thresholds: settings.PLAUSIBILITY, defaults in `rules.DEFAULTS` (docs/decisions.md, "Plausibility checks").
"""
