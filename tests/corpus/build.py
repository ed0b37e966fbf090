"""Build the inbox corpus: replies written like an authority's, for the requests in
tests/corpus/tracker. Every message here was written for foitrack's tests; none is real
correspondence, and the people named in them do not exist.

    python tests/corpus/build.py      # writes tests/corpus/messages/{tune,holdout,...}/*.eml

Each message carries what a person reading it would record (`EXPECT`), kept in
tests/corpus/expected.json: the request it belongs to (its id's last part, or None), the event,
the outcome and the exemptions. `tune` is what the matching and reading rules were written
against; `holdout` and `holdout2` were written afterwards and measured (scripts/inbox_eval.py;
docs/mail.md gives their rates as first measured, and what changed after). The later held-out
sets (`holdout3` ...) were written by someone who had not read foitrack's mail code, with their
own builder: `later_sets.py`, which this script runs too.

PDFs are made with fpdf2 and Word files with python-docx, so the .eml files are reproducible.
"""

from __future__ import annotations

import io
import json
from email.message import EmailMessage
from email.policy import default
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ME = "Sam Patel <sam.patel@example.org>"

MESSAGES: list[dict] = []


def message(name, split, expect, *, frm, subject, date, body=None, html=None, msgid=None, in_reply_to=None,
            references=None, reply_to=None, attachments=(), to=ME, raw_headers=()):
    MESSAGES.append(dict(
        name=name, split=split, expect=expect, frm=frm, subject=subject, date=date, body=body, html=html,
        msgid=msgid or f"<{name}@corpus.example>", in_reply_to=in_reply_to, references=references,
        reply_to=reply_to, attachments=list(attachments), to=to, raw_headers=list(raw_headers),
    ))


def expect(request=None, event=None, outcome=None, exemptions=(), **more):
    return dict(request=request, event=event, outcome=outcome, exemptions=list(exemptions), **more)


def pdf(name, *pages):
    return ("pdf", name, pages)


def docx(name, *paragraphs):
    return ("docx", name, paragraphs)


def _pdf_bytes(pages) -> bytes:
    from fpdf import FPDF

    document = FPDF()
    document.set_creation_date(parsedate_to_datetime("Mon, 03 Jul 2023 09:00:00 +0000"))
    document.set_font("Helvetica", size=11)
    for page in pages:
        document.add_page()
        document.multi_cell(0, 6, page)
    return bytes(document.output())


def _docx_bytes(paragraphs) -> bytes:
    from docx import Document

    document = Document()
    document.core_properties.created = parsedate_to_datetime("Mon, 03 Jul 2023 09:00:00 +0000").replace(tzinfo=None)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same Word file every time: zip entries stamped with one date."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2023, 7, 3, 9, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def build(spec) -> bytes:
    mail = EmailMessage(policy=default)
    mail["From"] = spec["frm"]
    mail["To"] = spec["to"]
    mail["Subject"] = spec["subject"]
    mail["Date"] = format_datetime(parsedate_to_datetime(spec["date"]))
    mail["Message-ID"] = spec["msgid"]
    if spec["in_reply_to"]:
        mail["In-Reply-To"] = spec["in_reply_to"]
    if spec["references"]:
        mail["References"] = spec["references"]
    if spec["reply_to"]:
        mail["Reply-To"] = spec["reply_to"]
    for name, value in spec["raw_headers"]:
        mail[name] = value
    if spec["body"] is not None:
        mail.set_content(spec["body"])
        if spec["html"] is not None:
            mail.add_alternative(spec["html"], subtype="html")
    else:
        mail.set_content(spec["html"], subtype="html")
    for kind, name, content in spec["attachments"]:
        if kind == "pdf":
            mail.add_attachment(_pdf_bytes(content), maintype="application", subtype="pdf", filename=name)
        elif kind == "docx":
            mail.add_attachment(
                _docx_bytes(content), maintype="application",
                subtype="vnd.openxmlformats-officedocument.wordprocessingml.document", filename=name,
            )
    for number, part in enumerate(part for part in mail.walk() if part.is_multipart()):
        part.set_boundary(f"==corpus-{spec['name']}-{number}==")  # the same bytes every build
    return mail.as_bytes()


def main() -> None:
    import corpus_messages  # noqa: F401  (fills MESSAGES)

    expected = {}
    for spec in MESSAGES:
        folder = HERE / "messages" / spec["split"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{spec['name']}.eml").write_bytes(build(spec))
        expected[f"{spec['split']}/{spec['name']}.eml"] = spec["expect"]
    import later_sets

    later = later_sets.write_sets(HERE / "messages")
    expected.update(later)
    (HERE / "expected.json").write_text(json.dumps(expected, indent=1, sort_keys=True) + "\n")
    print(f"wrote {len(MESSAGES) + len(later)} messages")


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(HERE))
    sys.modules.setdefault("build", sys.modules[__name__])
    main()
