"""The builder of the corpus's later held-out sets (`holdout3`, and `holdout4` once it is
measured): replies written, by someone who had not read foitrack's mail code, for measuring
`foitrack inbox` on mail it has never seen. Every message, person and reference is invented.

Its messages are in `messages_holdout3.py` (set "B"); each set's .eml files go to
`messages/holdoutN/` and its expected readings into `expected.json`, written by `build.py`. The
writer's own notes on the judgement calls behind the expectations are in `LATER_SETS.md`.

Messages here are built as the writer built them (their Message-IDs, boundaries and attachments
are derived from the set's letter and the message's name), so a rebuild is byte for byte.
"""

from __future__ import annotations

import hashlib
import io
import json
from datetime import datetime
from email.message import EmailMessage, Message
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.policy import default
from email.utils import format_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
ME = "Sam Patel <sam.patel@example.org>"
LONDON = ZoneInfo("Europe/London")
SPECS: list[dict] = []


def expect(request=None, event=None, outcome=None, exemptions=(), **more):
    return dict(request=request, event=event, outcome=outcome, exemptions=list(exemptions), **more)


def msg(corpus_set, name, exp, *, frm, subject, when, body=None, html=None, charset="utf-8", cte=None,
        in_reply_to=None, references=None, to=ME, cc=None, attachments=(), headers=(), builder=None, msgid=None):
    SPECS.append(dict(set=corpus_set, name=name, expect=exp, frm=frm, subject=subject, when=when, body=body,
                      html=html, charset=charset, cte=cte, in_reply_to=in_reply_to, references=references, to=to,
                      cc=cc, attachments=list(attachments), headers=list(headers), builder=builder, msgid=msgid))


def pdf(name, *pages):
    return ("pdf", name, pages)


def docx(name, *paragraphs):
    return ("docx", name, paragraphs)


def csv(name, text):
    return ("csv", name, text)


# ---------------------------------------------------------------------------------------------

STAMP = datetime(2023, 7, 3, 9, 0, tzinfo=ZoneInfo("UTC"))


def pdf_bytes(pages) -> bytes:
    from fpdf import FPDF

    document = FPDF()
    document.set_creation_date(STAMP)
    document.set_font("Helvetica", size=10)
    for page in pages:
        document.add_page()
        document.multi_cell(0, 5, page)
    return bytes(document.output())


def docx_bytes(paragraphs) -> bytes:
    from docx import Document

    document = Document()
    document.core_properties.created = STAMP.replace(tzinfo=None)
    document.core_properties.author = "Information Governance"
    for paragraph in paragraphs:
        if paragraph.startswith("# "):
            document.add_heading(paragraph[2:], level=2)
        else:
            document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    from build import _fixed_zip  # the same Word file every time: zip entries stamped with one date

    return _fixed_zip(buffer.getvalue())


def date_header(when: str) -> str:
    local = datetime.strptime(when, "%Y-%m-%d %H:%M").replace(tzinfo=LONDON)
    return format_datetime(local)


def domain_of(address: str) -> str:
    return address.rsplit("@", 1)[-1].rstrip(">").strip()


def message_id(spec) -> str:
    if spec["msgid"]:
        return spec["msgid"]
    digest = hashlib.sha1(f"{spec['set']}/{spec['name']}".encode()).hexdigest()[:16].upper()
    stamp = spec["when"].replace("-", "").replace(" ", "").replace(":", "")
    return f"<{stamp}.{digest}@{domain_of(spec['frm'])}>"


def build(spec) -> bytes:
    if spec["builder"]:
        return spec["builder"](spec)
    mail = EmailMessage(policy=default)
    mail["From"] = spec["frm"]
    mail["To"] = spec["to"]
    if spec["cc"]:
        mail["Cc"] = spec["cc"]
    mail["Subject"] = spec["subject"]
    mail["Date"] = date_header(spec["when"])
    mail["Message-ID"] = message_id(spec)
    if spec["in_reply_to"]:
        mail["In-Reply-To"] = spec["in_reply_to"]
        mail["References"] = spec["references"] or spec["in_reply_to"]
    for name, value in spec["headers"]:
        mail[name] = value
    kw = {"charset": spec["charset"]}
    if spec["cte"]:
        kw["cte"] = spec["cte"]
    if spec["body"] is not None:
        mail.set_content(spec["body"], **kw)
        if spec["html"] is not None:
            mail.add_alternative(spec["html"], subtype="html", **kw)
    else:
        mail.set_content(spec["html"], subtype="html", **kw)
    for kind, name, content in spec["attachments"]:
        if kind == "pdf":
            mail.add_attachment(pdf_bytes(content), maintype="application", subtype="pdf", filename=name)
        elif kind == "docx":
            mail.add_attachment(docx_bytes(content), maintype="application",
                                subtype="vnd.openxmlformats-officedocument.wordprocessingml.document", filename=name)
        elif kind == "csv":
            mail.add_attachment(content.encode("utf-8"), maintype="text", subtype="csv", filename=name)
        elif kind == "eml":
            mail.add_attachment(content, filename=name)
    boundary_parts = [part for part in mail.walk() if part.get_content_maintype() == "multipart"]
    for number, part in enumerate(boundary_parts):
        part.set_boundary(f"----=_Part_{hashlib.sha1((spec['name'] + str(number)).encode()).hexdigest()[:20]}")
    return mail.as_bytes()


def bounce_builder(*, reporting_mta, recipient, status, diagnostic, human, original_headers, style):
    """A delivery status notification (RFC 3464) returning one of our own messages."""

    def make(spec) -> bytes:
        report = MIMEMultipart("report", report_type="delivery-status",
                               boundary=f"----=_DSN_{hashlib.sha1(spec['name'].encode()).hexdigest()[:16]}")
        report["From"] = spec["frm"]
        report["To"] = spec["to"]
        report["Subject"] = spec["subject"]
        report["Date"] = date_header(spec["when"])
        report["Message-ID"] = message_id(spec)
        report["Auto-Submitted"] = "auto-replied"
        for name, value in spec["headers"]:
            report[name] = value
        report.attach(MIMEText(human, "plain", "us-ascii"))
        status_part = MIMEBase("message", "delivery-status")
        per_message = Message()
        per_message["Reporting-MTA"] = f"dns; {reporting_mta}"
        per_message["Arrival-Date"] = date_header(spec["when"])
        per_recipient = Message()
        per_recipient["Final-Recipient"] = f"rfc822; {recipient}"
        per_recipient["Original-Recipient"] = f"rfc822; {recipient}"
        per_recipient["Action"] = "failed"
        per_recipient["Status"] = status
        per_recipient["Diagnostic-Code"] = diagnostic
        status_part.set_payload([per_message, per_recipient])
        report.attach(status_part)
        if style == "headers":
            report.attach(MIMEText(original_headers, "rfc822-headers", "us-ascii"))
        else:
            from email import message_from_string
            from email.mime.message import MIMEMessage
            report.attach(MIMEMessage(message_from_string(original_headers)))
        return report.as_bytes()

    return make


# ---------------------------------------------------------------------------------------------

# The later sets, by the letter their writer gave them, and the part of the corpus each is.
SETS = {"B": "holdout3", "C": "holdout4"}


def write_sets(messages: Path) -> dict[str, dict]:
    """Write each later set's messages under `messages/` (its part's folder, emptied first) and
    return their expected readings, keyed `holdoutN/name.eml`."""
    import importlib

    for corpus_set, split in SETS.items():
        importlib.import_module(f"messages_{split}")  # fills SPECS
    expected = {}
    for corpus_set, split in SETS.items():
        folder = messages / split
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.eml"):
            old.unlink()
        for spec in SPECS:
            if spec["set"] == corpus_set:
                (folder / f"{spec['name']}.eml").write_bytes(build(spec))
                expected[f"{split}/{spec['name']}.eml"] = spec["expect"]
    return expected
