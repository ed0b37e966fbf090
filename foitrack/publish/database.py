"""`foitrack export --format sqlite PATH`: the tracker as a SQLite database to browse with Datasette.

Tables, with keys between them (sqlite-utils declares the foreign keys, so Datasette links each
request to its authority and each event to its request):

- `authorities`: each authority the tracker's requests went to (and each foitrack.toml defines),
  with its short name, kind and nation from the directory; primary key `name`.
- `requests`: one row per request, with its derived status, due date, first response, outcome
  and exemptions as at the export (--as-of); primary key `id`, `authority` -> authorities.name.
- `events`: every event of every request, in the file's order; primary key (`request_id`,
  `position`), `request_id` -> requests.id. Keys of a user's own are kept, as JSON in `extra`.
- `exemptions`: one row per exemption a request's latest response cited, with its law and name;
  primary key (`request_id`, `exemption`), `request_id` -> requests.id.
- `documents`: one row per file kept under `documents/<request id>/` (copies of the mail foitrack
  sent and read, the authorities' attachments), with its size, digest, the event that lists it
  and its text (PDF, Word, plain text, HTML, email); primary key `path`, `request_id` ->
  requests.id.

Full-text search (SQLite FTS5, set up by sqlite-utils) covers requests' subjects and bodies,
events' notes, texts and reasons, and documents' names and text: Datasette shows a search box on
those tables.

The file is built beside the target under a temporary name and renamed over it in one step, so a
Datasette reading the old file never sees half of the new one. Datasette's metadata (titles,
descriptions, the source and licence of the authority data) goes in `metadata_for`, written as
JSON beside the database for `datasette PATH --metadata FILE`.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from foitrack.dates import iso
from foitrack.errors import FoitrackError
from foitrack.law.exemptions import cited_name
from foitrack.publish.views import authority_fields, request_identity
from foitrack.publish.words import kind_word, nation_word, outcome_word, status_word
from foitrack.store.atomic import write_failed, write_target
from foitrack.store.model import authority_ref, exemption_key, exemption_label, exemption_law

TABLES = ("authorities", "requests", "events", "exemptions", "documents")

# The keys every event may have (vocab.EVENT_OPTIONS); anything else a user wrote goes in `extra`.
EVENT_COLUMNS = (
    "type", "date", "outcome", "exemptions", "ref", "note", "text", "amount", "until", "days", "reason", "to", "stage",
    "message_id", "documents", "delivery",
)

# Every table's columns with their types, its primary key and its foreign keys, declared once:
# each table is created from these before any row goes in, so a tracker with no events (or no
# exemptions, or no requests yet) still gets every table, and a row with an undeclared column is
# an error (sqlite-utils inserts without altering the table), never a silent new column.
SCHEMAS: dict[str, tuple[dict[str, type], str | tuple[str, ...], list[tuple[str, str, str]]]] = {
    "authorities": (
        {"name": str, "short_name": str, "kind": str, "kind_label": str, "nation": str, "nation_label": str,
         "default_law": str, "foi_email": str, "gss_code": str, "listed_by": str, "aliases": str, "requests": int},
        "name",
        [],
    ),
    "requests": (
        {"id": str, "authority": str, "subject": str, "sent": str, "received": str, "regime": str, "law": str,
         "status": str, "status_label": str, "due": str, "working_days_overdue": int, "first_response": str,
         "answered_on_time": bool, "working_days_to_respond": int, "outcome": str, "outcome_label": str,
         "exemptions": str, "tags": str, "batch": str, "ref": str, "via": str, "email": str, "body": str,
         "path": str},
        "id",
        [("authority", "authorities", "name")],
    ),
    "events": (
        {"request_id": str, "position": int, **{column: str for column in EVENT_COLUMNS}, "days": int, "stage": int,
         "extra": str},
        ("request_id", "position"),
        [("request_id", "requests", "id")],
    ),
    "exemptions": (
        {"request_id": str, "exemption": str, "section": str, "name": str, "law": str},
        ("request_id", "exemption"),
        [("request_id", "requests", "id")],
    ),
    "documents": (
        {"path": str, "request_id": str, "name": str, "bytes": int, "sha256": str, "event_position": int,
         "event_type": str, "text": str},
        "path",
        [("request_id", "requests", "id")],
    ),
}

AUTHORITY_SOURCES = (
    "foitrack's directory of UK public authorities: contains data from mySociety's UK Local "
    "Authority Names and Codes (CC BY 4.0); contains public sector information licensed under the "
    "Open Government Licence v3.0 (police forces, from data.police.uk via the openregister police "
    "register); aliases from the Open Knowledge Foundation's public bodies list (ODC-PDDL). "
    "Authorities a tracker defines itself come from its foitrack.toml."
)


def authority_row(name: str, known, requests: int) -> dict[str, Any]:
    fields = authority_fields(name, known)
    return {
        "name": name,
        "short_name": fields["short_name"],
        "kind": fields["kind"],
        "kind_label": kind_word(fields["kind"], one=True),
        "nation": fields["nation"],
        "nation_label": nation_word(fields["nation"]),
        "default_law": known.regime.upper() if known is not None else None,
        "foi_email": known.email if known is not None else None,
        "gss_code": known.gss if known is not None else None,
        "listed_by": known.source if known is not None else None,
        "aliases": json.dumps(list(known.aliases) if known is not None else [], ensure_ascii=False),
        "requests": requests,
    }


def request_row(request, evaluation) -> dict[str, Any]:
    return {
        **request_identity(request),  # id, authority, subject, sent, received, regime: as every view
        "law": request.regime.upper(),
        "status": evaluation.status,
        "status_label": status_word(evaluation.status),
        "due": iso(evaluation.due),
        "working_days_overdue": evaluation.working_days_overdue,
        "first_response": iso(evaluation.first_response),
        "answered_on_time": evaluation.responded_on_time,
        "working_days_to_respond": evaluation.working_days_to_respond,
        "outcome": evaluation.latest_outcome,
        "outcome_label": outcome_word(evaluation.latest_outcome) or None,
        "exemptions": json.dumps([cited_name(x, request.regime) for x in evaluation.exemptions], ensure_ascii=False),
        "tags": json.dumps(list(request.tags), ensure_ascii=False),
        "batch": request.batch,
        "ref": authority_ref(request),
        "via": request.via,
        "email": request.email,
        "body": request.body,
        "path": str(request.path) if request.path else None,
    }


def event_rows(request) -> list[dict[str, Any]]:
    rows = []
    for position, event in enumerate(request.events, start=1):
        data = event.model_dump(mode="json", exclude_none=True)
        row: dict[str, Any] = {"request_id": request.id, "position": position}
        for column in EVENT_COLUMNS:
            value = data.pop(column, None)
            if column == "exemptions":
                value = json.dumps([exemption_label(x, request.regime) for x in value], ensure_ascii=False) if value else None
            elif column == "documents":
                value = json.dumps(value, ensure_ascii=False) if value else None
            row[column] = value
        row["extra"] = json.dumps(data, ensure_ascii=False, default=str) if data else None
        rows.append(row)
    return rows


def exemption_rows(request, evaluation) -> list[dict[str, Any]]:
    rows = {}
    for cited in evaluation.exemptions:
        label = exemption_label(cited, request.regime)
        rows[label] = {
            "request_id": request.id,
            "exemption": label,
            "section": exemption_key(cited, request.regime),
            "name": cited_name(cited, request.regime),
            "law": exemption_law(cited, request.regime),
        }
    return list(rows.values())


def document_rows(tracker, request) -> list[dict[str, Any]]:
    """The files kept for a request, each with the event that lists it and what it says. A file
    whose text cannot be read is listed all the same, with its text empty."""
    import hashlib

    from foitrack.store.documents import Documents, document_text

    documents = Documents(tracker.root)
    listed: dict[str, tuple[int, str]] = {}
    for position, event in enumerate(request.events, start=1):
        for relative in getattr(event, "documents", None) or ():
            listed.setdefault(str(relative), (position, event.type))
    rows = []
    for file in documents.files(request.id):
        relative = documents.relative(file)
        try:
            data = file.read_bytes()
        except OSError:
            continue
        try:
            text = "\n\n".join(document_text(file.name, data))
        except Exception:  # a broken or hostile file: listed, its text not read
            text = ""
        position, event_type = listed.get(relative, (None, None))
        rows.append(
            {
                "path": relative,
                "request_id": request.id,
                "name": file.name,
                "bytes": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
                "event_position": position,
                "event_type": event_type,
                "text": text or None,
            }
        )
    return rows


def write_database(path: Path, tracker, requests) -> dict[str, int]:
    """Build the database for these requests and put it at `path` in one step; how many rows
    each table got."""
    import sqlite_utils

    evaluated = [(request, tracker.evaluate(request)) for request in sorted(requests, key=lambda r: (r.logged_on, r.id))]
    asked: dict[str, int] = {}
    for request, _ in evaluated:
        asked[request.authority] = asked.get(request.authority, 0) + 1
    for name in tracker.settings.authorities:  # the tracker's own authorities, asked or not yet
        known = tracker.authority(name)
        asked.setdefault(known.name if known is not None else name, 0)
    target = write_target(path)  # through a symbolic link, the database it points at
    try:
        fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise write_failed(path, error) from None
    os.close(fd)
    temp = Path(temp_name)
    try:
        db = sqlite_utils.Database(temp)
        rows = {
            "authorities": (authority_row(name, tracker.authority(name), n) for name, n in sorted(asked.items())),
            "requests": (request_row(request, evaluation) for request, evaluation in evaluated),
            "events": (row for request, _ in evaluated for row in event_rows(request)),
            "exemptions": (row for request, evaluation in evaluated for row in exemption_rows(request, evaluation)),
            "documents": (row for request, _ in evaluated for row in document_rows(tracker, request)),
        }
        for table in TABLES:
            columns, pk, foreign_keys = SCHEMAS[table]
            db[table].create(columns, pk=pk, foreign_keys=foreign_keys)
            db[table].insert_all(rows[table])
        db["requests"].enable_fts(["subject", "body"], tokenize="porter")
        db["events"].enable_fts(["note", "text", "reason"], tokenize="porter")
        db["documents"].enable_fts(["name", "text"], tokenize="porter")
        for table, columns in (("requests", ["status"]), ("requests", ["sent"]), ("events", ["type"])):
            db[table].create_index(columns, if_not_exists=True)
        counts = {table: db[table].count for table in TABLES}
        db.conn.commit()
        db.close()
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except OSError as error:  # a full disk, a read-only folder: say so, and leave the old database
        temp.unlink(missing_ok=True)
        raise write_failed(path, error) from None
    except sqlite3.OperationalError as error:
        temp.unlink(missing_ok=True)
        if not any(word in str(error) for word in ("disk", "full", "readonly", "unable to open")):
            raise
        raise FoitrackError(f"cannot write {path}: {error}; {path.name} was left as it was") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return counts


def metadata_for(path: Path, as_of) -> dict[str, Any]:
    """Datasette's metadata for the database at `path`: what each table and column means, and
    where the authority data comes from and under which licences."""
    database = path.stem
    return {
        "title": "Freedom of Information requests",
        "description": (
            f"A foitrack tracker's requests, as at {iso(as_of)}: who was asked what and when, what "
            "each authority did, and what that means under the law. Status, due dates and lateness "
            "are worked out from each request's events as at that date."
        ),
        "databases": {
            database: {
                "source": "foitrack request files (requests/*.toml)",
                "tables": {
                    "authorities": {
                        "description": "The authorities asked, with their kind and nation. " + AUTHORITY_SOURCES,
                        "source": "foitrack directory of UK public authorities (see NOTICE.md)",
                        "license": "CC BY 4.0 (councils); OGL v3.0 (police forces); ODC-PDDL (aliases)",
                        "columns": {
                            "name": "The authority's proper name, as requests are filed under it",
                            "short_name": "The name where space is tight ('Met Police', 'Hackney')",
                            "kind": "police, council, department ... (foitrack's key)",
                            "kind_label": "The kind in words",
                            "nation": "England, Scotland, Wales, Northern Ireland, or UK for UK-wide bodies",
                            "nation_label": "The nation in words",
                            "default_law": "The law a request to it falls under unless said otherwise",
                            "foi_email": "Where chasers go, from foitrack.toml or the directory",
                            "gss_code": "The ONS GSS code of a council",
                            "listed_by": "Where the directory's entry comes from: mysociety, openregister-police, foitrack, or tracker",
                            "aliases": "Other names it answers to (JSON list)",
                            "requests": "How many of the tracker's requests went to it",
                        },
                    },
                    "requests": {
                        "description": "One row per request, with what foitrack worked out from its events.",
                        "columns": {
                            "id": "The request file's name",
                            "authority": "The authority asked",
                            "subject": "What was asked about",
                            "sent": "The day it was sent",
                            "received": "The day the authority received it (the clock's start)",
                            "regime": "foia, eir, foisa, eisr or sar: the law it was made under",
                            "law": "The same, as written: FOIA, EIR, FOISA, EISR or SAR",
                            "status": "foitrack's status key (answered, overdue, very-overdue ...)",
                            "status_label": "The status in words",
                            "due": "The next deadline: the response, or a review's result",
                            "working_days_overdue": "Working days past the response deadline (0 if not late)",
                            "first_response": "The day the first response came",
                            "answered_on_time": "1 if the first response came in time, 0 if late, empty if not answered",
                            "working_days_to_respond": "Working days from receipt to the first response, leaving out days the clock was stopped",
                            "outcome": "The latest response's outcome key",
                            "outcome_label": "The outcome in words ('Not held')",
                            "exemptions": "The exemptions the latest response cited, named with their law (JSON list)",
                            "tags": "Tags (JSON list)",
                            "batch": "The batch it was sent in, with the same request to others",
                            "ref": "The authority's own reference",
                            "body": "The text of the request",
                            "path": "The request file",
                        },
                    },
                    "events": {
                        "description": "Everything that happened to each request, in the order of its file.",
                        "columns": {
                            "request_id": "The request",
                            "position": "The event's place in the file (1 is first)",
                            "type": "sent, acknowledged, responded, review-requested ...",
                            "message_id": "The email it was sent as or read from",
                            "documents": "Files kept with it under documents/: copies of the mail, attachments (JSON list)",
                            "delivery": "'uncertain' when the server hung up after taking it",
                            "extra": "Keys of the user's own, as written (JSON)",
                        },
                    },
                    "documents": {
                        "description": (
                            "The files kept with the requests under documents/: copies of the mail "
                            "foitrack sent and read, and the authorities' attachments, with their text."
                        ),
                        "columns": {
                            "path": "The file, relative to the tracker folder",
                            "request_id": "The request it belongs to",
                            "name": "The file's name (made safe when it was kept)",
                            "bytes": "Its size",
                            "sha256": "A digest of its bytes: the same file is kept once",
                            "event_position": "The event that lists it (its place in the request's events)",
                            "event_type": "That event's type",
                            "text": "What it says: a PDF's or Word file's text, an email's subject and body",
                        },
                    },
                    "exemptions": {
                        "description": "One row per exemption a request's latest response cited.",
                        "columns": {
                            "exemption": "As cited, with its law ('FOISA s35(1)(a)')",
                            "section": "The section reports count by ('FOISA s35'): s43(2) is s43",
                            "name": "The exemption named ('s43(2) Commercial interests')",
                            "law": "FOIA, EIR, FOISA, EISR or DPA",
                        },
                    },
                },
            }
        },
        "source": "A foitrack tracker",
    }


def metadata_path(path: Path) -> Path:
    """Where the metadata for the database at `path` goes: `fusus.db` -> `fusus.metadata.json`."""
    return path.with_name(f"{path.stem}.metadata.json")
