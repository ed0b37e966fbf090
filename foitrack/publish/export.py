"""Every request as one row with its derived status, due date and outcome, for spreadsheets.

The columns are the ones `foitrack import` reads back (authority, subject, sent, received, regime,
first_response, outcome, exemptions, tags, batch, ref), so an export can be imported into
another tracker; the derived ones (status, due, working_days_overdue) and the authority's kind
and nation (from the directory) are ignored on import. `--format sqlite` is
`foitrack.publish.database`.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from foitrack.law.evaluation import Evaluation
from foitrack.store.model import authority_ref, exemption_label
from foitrack.store.model import Request
from foitrack.dates import iso
from foitrack.publish.views import authority_fields, request_identity

COLUMNS = (
    "id",
    "authority",
    "kind",
    "nation",
    "subject",
    "sent",
    "received",
    "regime",
    "status",
    "due",
    "working_days_overdue",
    "first_response",
    "outcome",
    "exemptions",
    "tags",
    "batch",
    "ref",
    "path",
)
FORMATS = ("csv", "json", "sqlite")


def export_row(request: Request, evaluation: Evaluation, known=None) -> dict[str, Any]:
    """One request's row, keys in COLUMNS order; `known` is the directory's entry for its
    authority (its kind and nation)."""
    fields = authority_fields(request.authority, known)
    row = {
        **request_identity(request),  # the same id, authority, subject, sent, received, regime as --json
        "kind": fields["kind"],
        "nation": fields["nation"],
        "status": evaluation.status,
        "due": iso(evaluation.due),
        "working_days_overdue": evaluation.working_days_overdue,
        "first_response": iso(evaluation.first_response),
        "outcome": evaluation.latest_outcome,
        # The latest response's, as at the evaluation's date, so they match the outcome beside them.
        "exemptions": [exemption_label(x, request.regime) for x in evaluation.exemptions],
        "tags": list(request.tags),
        "batch": request.batch,
        "ref": authority_ref(request),
        "path": str(request.path),
    }
    return {column: row[column] for column in COLUMNS}


def to_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


#: What a spreadsheet takes a cell starting with to be a formula (OWASP, "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: str) -> str:
    """Text as a CSV cell a spreadsheet shows as text: one that starts like a formula
    (=HYPERLINK(...) in a subject a colleague typed, or an authority's reply pasted in) gets a
    leading apostrophe, which Excel, LibreOffice and Google Sheets read as "this is text" and do
    not show. `foitrack import` takes the apostrophe off again."""
    return f"'{value}" if value.startswith(FORMULA_START) else value


def to_csv(rows: list[dict[str, Any]]) -> str:
    """CSV with a header row; lists joined with '; ', empty cells for nothing, and no cell a
    spreadsheet would run as a formula."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        cells = []
        for column in COLUMNS:
            value = row.get(column)
            if isinstance(value, list):
                value = "; ".join(value)
            cells.append("" if value is None else spreadsheet_text(str(value)))
        writer.writerow(cells)
    return out.getvalue()


def render(rows: list[dict[str, Any]], fmt: str) -> str:
    return to_csv(rows) if fmt == "csv" else to_json(rows)
