"""The steps of a scorecard build, assembled by `reports.builder.scorecard_build`.

`data` holds the plain dataclasses the builder returns; `load` reads everything once (configuration, periods,
figures, statuses) into a `Build`; `rows` turns it into the units' rows (cells, points, ranks); `totals` the
total row. The targets, legends and rubric bands are resolved by `reports.scoring`.
"""
