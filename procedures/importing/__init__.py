"""Import of dossier records exported by a one-stop system (CSV or XLSX): read, check, preview, commit.

One job per module (docs/procedures-import.md describes the columns and the rules):

- `vocabulary`: the file's columns, their labels and coded values; `limits`: batch and list sizes;
- `readers`: the file as a streamed `Table` (CSV or XLSX); `cells`: a cell as text, choice or date;
- `lookups`: codes, units, periods and frozen reports a run checks against; `timelines`: each unit kind's
  ledger periods (quarters, or months where the kind reports monthly); `rows`: one row's checks; `fast`: the
  same checks' fast lane for plain rows;
- `counts`: the ledger change, record by record; `run`: the engine (the pass, batches, comparison);
- `write`: the set-based write (temporary table, one upsert, history); `guard`: the touched reports re-checked
  under lock before it;
- `services`: `dossier_import_preview` and `dossier_import_commit` (the ledger recompute hand-off);
- `results`: what an import reports, and why it refuses; `template`: the downloadable template.

The names below are the package's public face: the page, the jobs, the command and the API use them.
"""

from .readers import Table
from .results import ImportFailed, ImportFileError, ImportPreview, ImportResult, LedgerFigures, RowError
from .run import Run
from .services import dossier_import_commit, dossier_import_preview, ledgers_of
from .vocabulary import COLUMN_LABELS, COLUMNS, EXTENSIONS

__all__ = [
    "COLUMNS",
    "COLUMN_LABELS",
    "EXTENSIONS",
    "ImportFailed",
    "ImportFileError",
    "ImportPreview",
    "ImportResult",
    "LedgerFigures",
    "RowError",
    "Run",
    "Table",
    "dossier_import_commit",
    "dossier_import_preview",
    "ledgers_of",
]
