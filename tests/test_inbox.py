"""`foitrack inbox`: authorities' replies read from a real IMAP server (Dovecot on 127.0.0.1),
Maildir, mbox and .eml files, matched to requests, read for what they mean, and recorded with
their documents. The messages are the corpus in tests/corpus (written for these tests), read
against the requests in tests/corpus/tracker.
"""

from __future__ import annotations

import email
import email.policy
import importlib.util
import mailbox
import os
import shutil
import stat
import struct
import tomllib
from email.message import EmailMessage
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent / "corpus"
MESSAGES = CORPUS / "messages"
CONTRACT_KEYS = {
    "message_id", "date", "from", "subject", "request", "matched_by", "event", "outcome", "exemptions",
    "ref", "amount", "until", "attachments", "action", "why",
}
ACTIONS = {"recorded", "would-record", "needs-decision", "unmatched", "already-recorded"}


def corpus_tracker(tracker):
    shutil.copytree(CORPUS / "tracker", tracker.root, dirs_exist_ok=True)
    return tracker


def raw(name: str) -> bytes:
    return (MESSAGES / name).read_bytes()


def request_path(tracker, tail: str) -> Path:
    [path] = tracker.requests.glob(f"*-{tail}.toml")
    return path


def events(path: Path) -> list[dict]:
    return tomllib.loads(path.read_text()).get("events", [])


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def by_subject(rows: list[dict]) -> dict[str, dict]:
    return {row["message_id"]: row for row in rows}


# -- the corpus: never the wrong request; matched and read as a person would -----------------


def test_the_corpus_is_matched_and_read_as_a_person_would():
    spec = importlib.util.spec_from_file_location("inbox_eval", CORPUS.parents[1] / "scripts" / "inbox_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    results = module.evaluate()
    for split in ("tune", "holdout", "holdout2"):
        rates = results[split]
        assert rates["wrong request"] == 0, split  # never a reply on the wrong request
        assert rates["recorded wrongly"] == 0, split  # nor a wrong event recorded unasked
        assert rates["matched"] >= 0.9, split
        assert rates["meaning right"] >= 0.9, split
    assert results["tune"]["messages"] >= 30 and results["holdout"]["messages"] >= 15


# -- sources, read and never changed ---------------------------------------------------------


def test_a_maildir_is_read_without_changing_it_and_each_message_says_why(tracker, tmp_path):
    corpus_tracker(tracker)
    maildir = tmp_path / "Maildir"
    box = mailbox.Maildir(str(maildir), create=True)
    for name in ("tune/merseyside_ack.eml", "tune/newsletter.eml", "tune/met_refusal_pdf.eml", "tune/camden_two_requests.eml"):
        box.add(mailbox.MaildirMessage(raw(name)))  # lands in new/, unread
    old = mailbox.MaildirMessage(raw("tune/towerhamlets_ncnd.eml"))
    old.set_subdir("cur")
    old.set_flags("S")
    box.add(old)
    before = snapshot(maildir)

    result = tracker.run("inbox", str(maildir), "--json")
    assert result.exit_code == 0, result.stderr
    assert snapshot(maildir) == before  # nothing moved from new/ to cur/, no flag changed
    rows = by_subject(result.json())
    assert len(rows) == 5
    for row in rows.values():
        assert CONTRACT_KEYS <= set(row) and row["action"] in ACTIONS
    ack = rows["<merseyside_ack@corpus.example>"]
    assert ack["request"].endswith("-m5yd") and ack["matched_by"] == "thread"
    assert ack["event"] == "acknowledged" and ack["ref"] == "MP-FOI-2023-1145" and ack["action"] == "would-record"
    assert "In-Reply-To <req-merseyside-drones.5@example.org>" in ack["why"]
    refusal = rows["<met_refusal_pdf@corpus.example>"]
    assert refusal["matched_by"] == "reference" and refusal["outcome"] == "refused"
    assert refusal["exemptions"] == ["s31(1)(a)", "s40(2)"]
    assert "'section 40(2)' on page 1 of 01-FOI-23-031412 response.pdf" in refusal["why"]
    assert refusal["attachments"] == ["01-FOI-23-031412 response.pdf"]
    newsletter = rows["<newsletter@corpus.example>"]
    assert newsletter["request"] is None and newsletter["matched_by"] is None and newsletter["action"] == "unmatched"
    both = rows["<camden_two_requests@corpus.example>"]
    assert both["request"] is None and both["action"] == "needs-decision" and len(both["candidates"]) == 2
    # Without --apply nothing is recorded.
    assert [e for e in events(request_path(tracker, "m5yd")) if e.get("message_id")] == []


def test_an_mbox_and_eml_files_are_read_too(tracker, tmp_path):
    corpus_tracker(tracker)
    mbox_path = tmp_path / "replies.mbox"
    box = mailbox.mbox(str(mbox_path), create=True)
    box.add(mailbox.mboxMessage(raw("tune/bristol_eir_extension.eml")))
    box.add(mailbox.mboxMessage(raw("tune/manchester_fee.eml")))
    box.close()
    before = mbox_path.read_bytes()
    single = tmp_path / "ncnd.eml"
    single.write_bytes(raw("tune/towerhamlets_ncnd.eml"))
    result = tracker.run("inbox", str(mbox_path), str(single), "--json")
    assert result.exit_code == 0, result.stderr
    assert mbox_path.read_bytes() == before
    rows = by_subject(result.json())
    assert rows["<bristol_eir_extension@corpus.example>"]["until"] == "2023-08-04"
    assert rows["<manchester_fee@corpus.example>"]["amount"] == 45.6
    assert rows["<towerhamlets_ncnd@corpus.example>"]["outcome"] == "neither-confirm-nor-deny"


# -- --apply: recorded once, with the message and its documents -----------------------------------


def test_apply_records_each_sure_event_once_with_its_message_and_documents(tracker, tmp_path):
    corpus_tracker(tracker)
    folder = tmp_path / "mail"
    folder.mkdir()
    for name in ("tune/merseyside_ack.eml", "tune/merseyside_granted_pdf.eml", "tune/glasgow_partial_docx.eml", "tune/camden_two_requests.eml"):
        (folder / Path(name).name).write_bytes(raw(name))

    result = tracker.run("inbox", str(folder), "--apply", today="2023-12-01")
    assert result.exit_code == 0, result.stderr
    assert "Read 4 messages: 3 recorded, 1 needs a decision." in result.stderr
    merseyside = request_path(tracker, "m5yd")
    ack, response = events(merseyside)
    assert ack["type"] == "acknowledged" and ack["ref"] == "MP-FOI-2023-1145" and str(ack["date"]) == "2023-06-02"
    assert ack["message_id"] == "<merseyside_ack@corpus.example>"
    assert response["type"] == "responded" and response["outcome"] == "granted"
    assert response["message_id"] == "<merseyside_granted_pdf@corpus.example>"
    kept = [tracker.root / doc for doc in response["documents"]]
    assert [p.suffix for p in kept] == [".eml", ".pdf"]
    assert kept[0].read_bytes() == raw("tune/merseyside_granted_pdf.eml")
    pdf_part = next(email.message_from_bytes(raw("tune/merseyside_granted_pdf.eml"), policy=email.policy.default).iter_attachments())
    assert kept[1].read_bytes() == pdf_part.get_content()
    [glasgow] = events(request_path(tracker, "g1as"))
    assert glasgow["exemptions"] == ["s33(1)(b)"] and glasgow["outcome"] == "partial"
    shown = tracker.ok("show", "m5yd", today="2023-12-01").stdout
    assert "MP-FOI-2023-1145.pdf" in shown and "2 documents" in shown

    # Running again records nothing twice: read before and left out, or already recorded.
    before = {path: path.read_bytes() for path in tracker.requests.glob("*.toml")}
    again = tracker.run("inbox", str(folder), "--apply", today="2023-12-01")
    assert again.exit_code == 0 and "3 read before, left out" in again.stderr
    everything = tracker.run("inbox", str(folder), "--apply", "--all", "--json", today="2023-12-01")
    assert sorted(row["action"] for row in everything.json()) == ["already-recorded"] * 3 + ["needs-decision"]
    assert {path: path.read_bytes() for path in before} == before


def test_a_message_left_for_a_decision_is_recorded_with_record_message(tracker, tmp_path):
    corpus_tracker(tracker)
    mail = tmp_path / "two.eml"
    mail.write_bytes(raw("tune/camden_two_requests.eml"))
    listed = tracker.run("inbox", str(mail), today="2023-12-01")
    assert "record it: foitrack record ID EVENT --message '<camden_two_requests@corpus.example>'" in listed.stdout

    tracker.ok(
        "record", "c7cv", "note", "--text", "Camden says both replies come next week",
        "--message", "<camden_two_requests@corpus.example>", "--on", "2023-06-30", today="2023-12-01",
    )
    [note] = events(request_path(tracker, "c7cv"))
    assert note["message_id"] == "<camden_two_requests@corpus.example>"
    assert (tracker.root / note["documents"][0]).read_bytes() == raw("tune/camden_two_requests.eml")
    after = tracker.run("inbox", str(mail), "--json", today="2023-12-01")
    assert after.json() == [] and "1 read before" in after.stderr
    # A message nobody has read is refused, with nothing recorded.
    refused = tracker.run("record", "c4md", "note", "--text", "x", "--message", "<nope@example>", today="2023-12-01")
    assert refused.exit_code == 2 and "has not read a message" in refused.stderr


def test_dismissed_messages_are_not_listed_again(tracker, tmp_path):
    corpus_tracker(tracker)
    mail = tmp_path / "ooo.eml"
    mail.write_bytes(raw("tune/hackney_out_of_office.eml"))
    first = tracker.run("inbox", str(mail), "--json")
    assert first.json()[0]["action"] == "needs-decision" and first.json()[0]["event"] is None
    tracker.ok("inbox", "--dismiss", "<hackney_out_of_office@corpus.example>")
    assert tracker.run("inbox", str(mail), "--json").json() == []
    unknown = tracker.run("inbox", "--dismiss", "<never-seen@example>")
    assert unknown.exit_code == 2


def test_an_address_learnt_from_a_reply_is_used_for_the_next_request(tracker, tmp_path, smtp_server):
    server = smtp_server()
    tracker.settings(
        f'[requester]\nname = "Sam Patel"\nemail = "sam.patel@example.org"\n\n'
        f'[smtp]\nhost = "127.0.0.1"\nport = {server.port}\nstarttls = false\n'
    )
    tracker.write("leeds", """
        authority = "Leeds City Council"
        subject = "Potholes repaired"
        sent = 2023-06-01

        [[events]]
        type = "acknowledged"
        date = 2023-06-02
        ref = "LCC-FOI-55621"
    """)
    reply = EmailMessage()
    reply["From"] = "Leeds FOI <foi@leeds.gov.uk>"
    reply["To"] = "sam.patel@example.org"
    reply["Subject"] = "Your request LCC-FOI-55621"
    reply["Date"] = "Fri, 30 Jun 2023 10:00:00 +0100"
    reply["Message-ID"] = "<leeds-1@leeds.gov.uk>"
    reply.set_content("Dear Sam,\n\nWe do not hold the information you asked for.\n\nLeeds City Council\n")
    mail = tmp_path / "leeds.eml"
    mail.write_bytes(reply.as_bytes())

    result = tracker.run("inbox", str(mail), "--apply", today="2023-07-01")
    assert result.exit_code == 0, result.stderr
    assert "learnt foi@leeds.gov.uk for Leeds City Council" in result.stderr
    settings = tomllib.loads((tracker.root / "foitrack.toml").read_text())
    assert settings["authorities"]["Leeds City Council"]["email"] == "foi@leeds.gov.uk"
    tracker.ok("new", "-a", "Leeds City Council", "-s", "Gritting routes", "--send", "--body", "Dear $authority,", today="2023-07-03")
    assert server.arrived[0].rcpt_tos == ["foi@leeds.gov.uk"]


# -- IMAP: Dovecot, read-only, and only new mail later -------------------------------------------


def test_imap_is_read_only_and_a_later_run_reads_only_new_messages(tracker, dovecot):
    corpus_tracker(tracker)
    with open(tracker.root / "foitrack.toml", "a") as settings:
        settings.write("\n" + dovecot.settings())
    for name in ("tune/merseyside_ack.eml", "tune/newsletter.eml", "tune/towerhamlets_ncnd.eml"):
        dovecot.deliver(raw(name))
    env = {"COLUMNS": "200", **dovecot.env}

    first = tracker.run("inbox", "--imap", "--apply", "--json", today="2023-12-01", env=env)
    assert first.exit_code == 0, first.stderr
    assert sorted(row["action"] for row in first.json()) == ["recorded", "recorded", "unmatched"]
    for flags, _ in dovecot.messages("INBOX"):
        assert b"\\Seen" not in flags  # BODY.PEEK[], read-only: nothing marked as read
    assert events(request_path(tracker, "t0wh"))[0]["message_id"] == "<towerhamlets_ncnd@corpus.example>"

    dovecot.deliver(raw("tune/bristol_eir_extension.eml"))
    second = tracker.run("inbox", "--imap", "--apply", "--json", today="2023-12-01", env=env)
    assert second.exit_code == 0, second.stderr
    assert [row["message_id"] for row in second.json()] == ["<bristol_eir_extension@corpus.example>"]
    assert len(dovecot.messages("INBOX")) == 4


def test_imap_login_refused_is_one_line_and_nothing_is_recorded(tracker, dropping_imap_server):
    corpus_tracker(tracker)
    server = dropping_imap_server(refuse_login=True)
    with open(tracker.root / "foitrack.toml", "a") as settings:
        settings.write(f'\n[imap]\nhost = "127.0.0.1"\nport = {server.port}\nstarttls = false\nusername = "sam"\n')
    before = snapshot(tracker.requests)
    result = tracker.run("inbox", "--imap", "--apply", env={"FOITRACK_IMAP_PASSWORD": "wrong"})
    assert result.exit_code == 1
    [line] = [line for line in result.stderr.splitlines() if "error" in line]
    assert "refused the login for 'sam'" in line and "FOITRACK_IMAP_PASSWORD" in line
    assert snapshot(tracker.requests) == before


def test_an_imap_server_that_drops_mid_read_records_nothing_from_it_and_the_rest_carry_on(tracker, tmp_path, dropping_imap_server):
    corpus_tracker(tracker)
    server = dropping_imap_server(count=3)
    with open(tracker.root / "foitrack.toml", "a") as settings:
        settings.write(f'\n[imap]\nhost = "127.0.0.1"\nport = {server.port}\nstarttls = false\nusername = "sam"\n')
    local = tmp_path / "fee.eml"
    local.write_bytes(raw("tune/manchester_fee.eml"))
    result = tracker.run("inbox", str(local), "--imap", "--apply", env={"FOITRACK_IMAP_PASSWORD": "pw"}, today="2023-12-01")
    assert result.exit_code == 1
    assert "dropped the connection after 0 of 3 messages" in result.stderr
    assert "EXAMINE" in server.commands and "SELECT" not in server.commands  # opened read-only
    [fee] = events(request_path(tracker, "m4nc"))
    assert fee["type"] == "fee-notice" and fee["amount"] == 45.6
    # The folder was not read, so a later run reads it from the start.
    state = (tracker.root / ".foitrack" / "inbox" / "state.json").read_text()
    assert '"folders": {}' in state


def test_an_imap_server_that_is_down_is_one_line(tracker):
    from mailservers import free_port

    corpus_tracker(tracker)
    with open(tracker.root / "foitrack.toml", "a") as settings:
        settings.write(f'\n[imap]\nhost = "127.0.0.1"\nport = {free_port()}\nstarttls = false\n')
    result = tracker.run("inbox", "--imap")
    assert result.exit_code == 1 and "cannot reach the IMAP server 127.0.0.1" in result.stderr
    assert "Traceback" not in result.stderr


def test_imap_settings_refuse_an_unencrypted_remote_server(tracker):
    corpus_tracker(tracker)
    with open(tracker.root / "foitrack.toml", "a") as settings:
        settings.write('\n[imap]\nhost = "imap.example.org"\nstarttls = false\n')
    result = tracker.run("inbox", "--imap")
    assert result.exit_code == 2 and "refusing an unencrypted connection to imap.example.org" in result.stderr


# -- faults: one clear line each, nothing recorded from what was not read whole ---------------


def _reply(to_request: str, subject: str, body: str, *, charset: str | None = None) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Merseyside Police Disclosure Unit <foi@merseyside.police.uk>"
    message["To"] = "sam.patel@example.org"
    message["Subject"] = subject
    message["Date"] = "Wed, 28 Jun 2023 14:00:00 +0100"
    message["Message-ID"] = f"<{abs(hash(subject))}@merseyside.police.uk>"
    message["In-Reply-To"] = to_request
    message.set_content(body)
    return message


def _tnef(files: list[tuple[str, bytes]]) -> bytes:
    """A winmail.dat holding `files`, as Outlook's TNEF lays it out."""

    def attribute(level: int, name: int, kind: int, data: bytes) -> bytes:
        return struct.pack("<BHHI", level, name, kind, len(data)) + data + struct.pack("<H", sum(data) & 0xFFFF)

    out = struct.pack("<IH", 0x223E9F78, 1) + attribute(1, 0x9006, 0x0008, struct.pack("<I", 0x00010000))
    for name, data in files:
        out += attribute(2, 0x9002, 0x0006, b"\x01\x00\xff\xff\xff\xff" + bytes(8))
        out += attribute(2, 0x8010, 0x0001, name.encode() + b"\x00")
        out += attribute(2, 0x800F, 0x0006, data)
    return out


def test_hostile_and_broken_messages_are_one_line_each_and_the_rest_carry_on(tracker, tmp_path):
    corpus_tracker(tracker)
    with open(tracker.root / "foitrack.toml", "a") as settings:
        settings.write("\n[inbox]\nmax_attachment_mb = 0.05\n")
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "1-garbage.eml").write_bytes(b"\x00\x01\x02 this is not an email at all \xff\xfe")
    # A response whose attachments have names meant to escape the folder, or to mislead.
    hostile = _reply("<req-merseyside-drones.5@example.org>", "Drone flights - response",
                     "Please find attached the information you requested, provided in full.")
    names = ["../../../etc/passwd", "..\\..\\boot.ini", "CON.pdf", "invoice\u202egpj.exe", "x" * 300 + ".pdf", ".bashrc"]
    for number, name in enumerate(names):
        hostile.add_attachment(f"file {number}".encode(), maintype="application", subtype="octet-stream", filename=name)
    (folder / "2-hostile.eml").write_bytes(hostile.as_bytes())
    # A clarification with an attachment over the size limit.
    huge = _reply("<req-bristol-air.7@example.org>", "Air quality monitoring data - clarification",
                  "Could you please clarify which stations you mean? A map is attached.")
    huge.add_attachment(os.urandom(80_000), maintype="application", subtype="pdf", filename="map.pdf")
    (folder / "3-huge.eml").write_bytes(huge.as_bytes())
    # A response in the wrong charset, with a winmail.dat that holds the decision letter, and
    # one that is not a winmail.dat at all.
    odd = _reply("<req-towerhamlets-frt.8@example.org>", "Facial recognition contracts - response", "x")
    odd.set_content("We are withholding the contract under section 43(2) \xa3 commercial interests.".encode("cp1252"),
                    maintype="text", subtype="plain", params={"charset": "x-no-such-charset"})
    odd.add_attachment(_tnef([("decision.txt", b"The prices are withheld under section 43(2).")]),
                       maintype="application", subtype="ms-tnef", filename="winmail.dat")
    (folder / "4-charset.eml").write_bytes(odd.as_bytes())
    broken_tnef = _reply("<req-glasgow-cctv.6@example.org>", "CCTV contracts - acknowledgement",
                         "We acknowledge receipt of your request.")
    broken_tnef.add_attachment(b"not TNEF at all", maintype="application", subtype="ms-tnef", filename="winmail.dat")
    (folder / "5-winmail.eml").write_bytes(broken_tnef.as_bytes())
    # A Maildir message that vanishes before it is read (its file is gone).
    maildir = tmp_path / "Maildir"
    box = mailbox.Maildir(str(maildir), create=True)
    key = box.add(mailbox.MaildirMessage(raw("tune/manchester_fee.eml")))
    (maildir / "new" / key).unlink()
    (maildir / "new" / key).symlink_to(tmp_path / "gone")

    result = tracker.run("inbox", str(folder), str(maildir), str(tmp_path / "no-such-folder"), "--apply", today="2023-12-01")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("foitrack: error:")]
    assert len(errors) == 3, result.stderr  # the garbage, the vanished message, the missing folder
    assert any("1-garbage.eml" in line and "not recorded" in line for line in errors)
    assert any("vanished" in line for line in errors)
    assert any("no-such-folder does not exist" in line for line in errors)
    assert "Traceback" not in result.stderr

    documents = tracker.root / "documents"
    everything = [p for p in documents.rglob("*") if p.is_file()]
    for path in everything:
        assert path.resolve().is_relative_to(documents.resolve())
        assert not path.stat().st_mode & (stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        assert len(path.name) <= 100 and "\u202e" not in path.name and not path.name.startswith(".")
    assert not (tracker.root.parent / "etc").exists()
    [response] = events(request_path(tracker, "m5yd"))
    kept = [Path(doc).name for doc in response["documents"]]
    assert "passwd" in kept and "boot.ini" in kept and "_CON.pdf" in kept and "invoicegpj.exe" in kept
    assert all((tracker.root / doc).is_file() for doc in response["documents"])
    # The clarification is recorded; its map, over the limit, is not kept, and that is said.
    [clarification] = events(request_path(tracker, "b7ar"))
    assert clarification["type"] == "clarification-requested"
    assert not any(doc.endswith("map.pdf") for doc in clarification["documents"])
    assert "map.pdf is 78 KB, over the 51 KB limit" in result.stderr
    # The wrong charset is read as best it can be; the winmail.dat is unpacked and read.
    [withheld] = events(request_path(tracker, "t0wh"))
    assert withheld["outcome"] == "refused" and withheld["exemptions"] == ["s43(2)"]
    assert any(doc.endswith("decision.txt") for doc in withheld["documents"])
    # A winmail.dat that is not one is kept as it is, with a line saying so.
    assert "winmail.dat is an Outlook winmail.dat that could not be unpacked" in result.stderr
    # Nothing was recorded for the vanished Manchester message.
    assert events(request_path(tracker, "m4nc")) == []


# -- the documents store ---------------------------------------------------------------------


def test_documents_are_named_safely_never_overwritten_and_kept_once(tmp_path):
    from foitrack.errors import FoitrackError
    from foitrack.store.documents import DocumentTooLarge, Documents, safe_name

    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("..\\..\\boot.ini") == "boot.ini"
    assert safe_name("CON.txt") == "_CON.txt" and safe_name("nul") == "_nul"
    assert safe_name("report\u202efdp.exe") == "reportfdp.exe"
    assert safe_name("") == "attachment" and safe_name(None, "message") == "message"
    assert safe_name("résumé 2023.PDF") == "résumé 2023.PDF"
    long = safe_name("a" * 500 + ".pdf")
    assert len(long) == 100 and long.endswith(".pdf")

    documents = Documents(tmp_path, limit=1000)
    first = documents.save("req-1", "letter.pdf", b"one")
    second = documents.save("req-1", "letter.pdf", b"two")
    again = documents.save("req-1", "copy.pdf", b"one")
    assert first.relative == "documents/req-1/letter.pdf" and second.relative == "documents/req-1/letter (2).pdf"
    assert again.existed and again.relative == first.relative
    assert (tmp_path / "documents/req-1/letter.pdf").read_bytes() == b"one"
    with pytest.raises(DocumentTooLarge):
        documents.save("req-1", "big.pdf", b"x" * 1001)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "documents" / "req-2").symlink_to(elsewhere)
    with pytest.raises(FoitrackError):
        documents.save("req-2", "a.pdf", b"a")
    assert list(elsewhere.iterdir()) == []


def test_on_a_terminal_apply_asks_about_what_it_is_unsure_of(tracker, tmp_path):
    from foitrack.cli import app

    corpus_tracker(tracker)
    unsure = _reply("<req-merseyside-drones.5@example.org>", "Drone flights - response",
                    "We have decided that the information is exempt and will not be disclosed.")
    mail = tmp_path / "unsure.eml"
    mail.write_bytes(unsure.as_bytes())
    no = tracker.runner.invoke(app, ["--dir", str(tracker.root), "inbox", str(mail), "--apply", "--ask"], input="n\n")
    assert "Record responded (refused) on m5yd (Merseyside Police)?" in no.stdout
    assert events(request_path(tracker, "m5yd")) == []
    yes = tracker.runner.invoke(app, ["--dir", str(tracker.root), "inbox", str(mail), "--apply", "--ask"], input="y\n")
    assert yes.exit_code == 0, yes.stderr
    [event] = events(request_path(tracker, "m5yd"))
    assert event["type"] == "responded" and event["outcome"] == "refused" and event["message_id"] == unsure["Message-ID"]


def test_since_leaves_out_older_messages(tracker, tmp_path):
    corpus_tracker(tracker)
    folder = tmp_path / "mail"
    folder.mkdir()
    for name in ("tune/merseyside_ack.eml", "tune/met_refusal_pdf.eml"):  # 2 June, 19 July 2023
        (folder / Path(name).name).write_bytes(raw(name))
    rows = tracker.run("inbox", str(folder), "--since", "01/07/2023", "--json").json()
    assert [row["message_id"] for row in rows] == ["<met_refusal_pdf@corpus.example>"]


def test_two_inbox_runs_at_once_record_each_message_once(tracker, tmp_path):
    import subprocess
    import sys

    corpus_tracker(tracker)
    folder = tmp_path / "mail"
    folder.mkdir()
    for name in ("tune/merseyside_ack.eml", "tune/merseyside_granted_pdf.eml", "tune/towerhamlets_ncnd.eml", "tune/manchester_fee.eml"):
        (folder / Path(name).name).write_bytes(raw(name))
    command = [sys.executable, "-m", "foitrack", "--dir", str(tracker.root), "inbox", str(folder), "--apply", "--no-ask"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], outputs
    for tail, count in (("m5yd", 2), ("t0wh", 1), ("m4nc", 1)):
        recorded = [e["message_id"] for e in events(request_path(tracker, tail))]
        assert len(recorded) == count and len(set(recorded)) == count
