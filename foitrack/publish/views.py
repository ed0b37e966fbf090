"""The stable JSON shapes of requests and their deadlines (tested apart from the pretty output)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from foitrack.dates import iso
from foitrack.law.evaluation import Evaluation
from foitrack.store.exemptions import exemption_label

if TYPE_CHECKING:
    from foitrack.store.model import Request


def request_identity(request: Request) -> dict[str, Any]:
    """What every JSON view of a request starts with."""
    return {
        "id": request.id,
        "authority": request.authority,
        "subject": request.subject,
        "sent": iso(request.sent),
        "received": iso(request.date_received),
        "regime": request.regime,
    }


def authority_fields(name: str, known) -> dict[str, Any]:
    """What the directory says of a request's authority (`known`: its `directory.Authority`, or
    None for a name neither the directory nor foitrack.toml knows): its short name, its kind
    ("other" when not known) and its nation (None when not known)."""
    from foitrack.directory import short_name_for

    return {
        "short_name": known.short_name if known is not None else short_name_for(name),
        "kind": known.kind if known is not None else "other",
        "nation": known.nation if known is not None else None,
    }


def _received(request: Request, evaluation: Evaluation) -> dict[str, Any]:
    """The identity, with the date of receipt the law counts from (a posted FOISA request's is
    presumed: s.74(2)(a))."""
    identity = request_identity(request)
    if evaluation.received:
        identity["received"] = iso(evaluation.received)
    return identity


def rules_json(evaluation: Evaluation) -> list[dict[str, Any]]:
    """The law in force on the day of receipt that the deadlines rest on."""
    return [
        {
            "rule": rule.key,
            "citation": rule.citation,
            "in_force": iso(rule.in_force),
            "until": iso(rule.until),
            "settled": rule.settled,
        }
        for rule in evaluation.rules
    ]


def school_json(evaluation: Evaluation) -> dict[str, Any] | None:
    """A school's two dates (SI 2004/3364 reg 3), or None when the schools' rule does not apply."""
    school = evaluation.school
    if school is None:
        return None
    return {
        "twentieth_school_day": iso(school.twentieth),
        "sixtieth_working_day": iso(school.sixtieth),
        "term_dates": school.terms,
        "presumed_term_time": None
        if school.presumed is None
        else {"from": iso(school.presumed[0]), "to": iso(school.presumed[1])},
    }


def new_request_json(request: Request, evaluation: Evaluation) -> dict[str, Any]:
    """One element of `new --json`."""
    return {
        **_received(request, evaluation),
        "due": iso(evaluation.response_due),
        "batch": request.batch,
        "path": request.path_text,
    }


def request_summary(request: Request, evaluation: Evaluation) -> dict[str, Any]:
    """One row of `list --json` / `due --json`."""
    return {
        **_received(request, evaluation),
        "status": evaluation.status,
        "due": iso(evaluation.due),
        "working_days_overdue": evaluation.working_days_overdue,
        # The latest response's exemptions, each with its law (FOISA s35(1)(a), never bare s35).
        "exemptions": [exemption_label(x, request.regime) for x in evaluation.exemptions],
        "batch": request.batch,
        "tags": list(request.tags),
        "path": request.path_text,
    }


def event_json(event, regime: str | None = None) -> dict[str, Any]:
    data = event.model_dump(exclude_none=True, mode="json")
    if data.get("exemptions"):
        data["exemptions"] = [exemption_label(x, regime) for x in event.exemptions]
    else:
        data.pop("exemptions", None)
    if not data.get("documents"):
        data.pop("documents", None)
    return data


def request_detail(request: Request, evaluation: Evaluation) -> dict[str, Any]:
    """`show --json`: the request, its timeline and its deadlines with how they were worked out."""
    detail = request_summary(request, evaluation)
    detail.update(
        {
            "via": request.via,
            "email": request.email,
            # Mail: the Message-ID the request went out as (null until foitrack sends it), the day
            # a draft was drafted, and "uncertain" when the server hung up after taking it.
            "message_id": request.message_id,
            "drafted": iso(request.drafted),
            "delivery": request.delivery,
            "body": request.body,
            "events": [event_json(event, request.regime) for event in request.events],
            "deadlines": {
                "response_due": iso(evaluation.response_due),
                "very_overdue_after": iso(evaluation.very_overdue_after),
                "very_overdue_rule": evaluation.very_overdue_rule or None,
                "review_due": iso(evaluation.review_due),
                "review_request_by": iso(evaluation.review_request_by),
                "complaint_by": iso(evaluation.complaint_by),
                "days": evaluation.days,
                "clock_start": iso(evaluation.clock_start),
                "rules": rules_json(evaluation),
                "school": school_json(evaluation),
            },
            "first_response": iso(evaluation.first_response),
            "outcome": evaluation.latest_outcome,
            "responded_on_time": evaluation.responded_on_time,
            "answered_at_review": evaluation.answered_at_review,
            "working_days_to_respond": evaluation.working_days_to_respond,
            "explanation": list(evaluation.explanation),
            "notes": list(evaluation.notes),
        }
    )
    return detail


def deadline_json(evaluation: Evaluation) -> dict[str, Any]:
    """`deadline --json`: the deadline, the rule, and every day not counted, with why."""
    sar = evaluation.regime == "sar"
    return {
        "received": iso(evaluation.received),
        "regime": evaluation.regime,
        "days": None if sar else evaluation.days,
        "months": 1 if sar else None,
        "due": iso(evaluation.response_due),
        "law": evaluation.law,
        "calendar": evaluation.calendar_name,
        "receipt_rule": evaluation.receipt_rule,
        "clock_start": iso(evaluation.clock_start),
        "day_one": iso(evaluation.day_one),
        "very_overdue_after": iso(evaluation.very_overdue_after),
        "very_overdue_rule": evaluation.very_overdue_rule or None,
        "alternative_due": iso(evaluation.alternative_due),
        "alternative_rule": evaluation.alternative_rule,
        "rules": rules_json(evaluation),
        "school": school_json(evaluation),
        "skipped": [{"date": iso(day.date), "reason": day.reason} for day in evaluation.skipped],
        "explanation": list(evaluation.explanation),
        "notes": list(evaluation.notes),
    }


def owed_json(owed) -> dict[str, Any]:
    """A `due --json` row for something waiting on the requester (`Tracker.owed_rows`): the
    request's summary, typed by `owed_by: "you"` and `action` (clarify, pay-fee, ask-for-review,
    complain), with `due` the last day to do it (null when the law sets none) and `since` when
    the authority asked. Rows for what an authority owes carry `owed_by: "authority"`."""
    return {
        **request_summary(owed.request, owed.evaluation),
        "due": iso(owed.date),
        "owed_by": "you",
        "action": owed.action,
        "since": iso(owed.since),
        "amount": owed.amount,
    }
