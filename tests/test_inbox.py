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
    for split in ("tune", "holdout", "holdout2", "holdout3"):
        rates = results[split]
        assert rates["wrong request"] == 0, split  # never a reply on the wrong request
        assert rates["recorded wrongly"] == 0, split  # nor a wrong event recorded unasked
        assert rates["matched"] >= 0.9, split
        assert rates["meaning right"] >= 0.9, split
    assert results["tune"]["messages"] >= 30 and results["holdout"]["messages"] >= 15
    assert results["holdout3"]["messages"] == 40
    # holdout4 was measured once, after the rules were last changed, and not tuned on: held to
    # what it read then (docs/mail.md), so that no later change reads it worse.
    unseen = results["holdout4"]
    assert unseen["messages"] == 40 and unseen["wrong request"] == 0
    assert unseen["recorded wrongly"] <= 1
    assert unseen["matched count"] >= 30 and unseen["meaning right count"] >= 25


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


# -- reading unseen mail as a careful FOI officer would -----------------------------------------


REQUESTER = '[requester]\nname = "Sam Patel"\nemail = "sam.patel@example.org"\n'


def _email(frm: str, subject: str, body: str | None = None, *, html: str | None = None, msgid: str,
           in_reply_to: str | None = None, date: str = "Mon, 10 Jul 2023 10:00:00 +0100", headers=()) -> bytes:
    message = EmailMessage()
    message["From"] = frm
    message["To"] = "Sam Patel <sam.patel@example.org>"
    message["Subject"] = subject
    message["Date"] = date
    message["Message-ID"] = msgid
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
        message["References"] = in_reply_to
    for name, value in headers:
        message[name] = value
    if body is not None:
        message.set_content(body)
        if html is not None:
            message.add_alternative(html, subtype="html")
    else:
        message.set_content(html, subtype="html")
    return message.as_bytes()


def _with_requests(tracker, **files: str) -> None:
    """A tracker holding these requests (literal TOML, by file name), the requester Sam Patel."""
    tracker.settings(REQUESTER)
    for name, text in files.items():
        tracker.write(name.replace("_", "-"), text)


def _inbox(tracker, tmp_path, *messages: bytes, apply: bool = False, today: str = "2023-12-01") -> dict[str, dict]:
    folder = tmp_path / "replies"
    folder.mkdir(exist_ok=True)
    for number, data in enumerate(messages):
        (folder / f"{number:02d}.eml").write_bytes(data)
    result = tracker.run("inbox", str(folder), "--json", *(["--apply"] if apply else []), today=today)
    assert result.exit_code == 0, result.stderr
    return by_subject(result.json())


def _meaning(body: str, *, subject: str = "Your request", regime: str = "foia", day: str = "2023-07-10",
             sender_domain: str = "example.gov.uk", **context):
    import datetime as dt

    from foitrack.mail.meaning import Context, read_meaning
    from foitrack.mail.reading import own_words

    words, _ = own_words(body)
    return read_meaning(subject=subject, words=words, attachments=[], sender_domain=sender_domain,
                        context=Context(regime=regime, day=dt.date.fromisoformat(day), **context))


DEVON = """
    authority = "Devon County Council"
    subject = "Pothole compensation claims"
    sent = 2023-07-03
    email = "foi@devon.gov.uk"
    message_id = "<req-devon@example.org>"
"""


def test_a_reply_written_below_the_quoted_request_is_read_and_the_quotation_is_not(tracker, tmp_path):
    _with_requests(tracker, devon=DEVON)
    reply = _email("Devon FOI <foi@devon.gov.uk>", "RE: Freedom of Information request: Pothole compensation claims", """\
Sam Patel wrote:
> Please tell me how many pothole claims the council paid in each of the last three years.
> If answering would go over the section 12 cost limit, please refuse only that part.

Dear Sam

Before we begin, could you tell us whether you want claims for damage to vehicles only, or
personal injury claims too? They are kept on different systems.

Many thanks
Information Governance Team
""", msgid="<clarify@devon.gov.uk>", in_reply_to="<req-devon@example.org>")
    row = _inbox(tracker, tmp_path, reply)["<clarify@devon.gov.uk>"]
    assert row["event"] == "clarification-requested" and row["exemptions"] == [] and row["action"] == "would-record"


def test_a_disclaimer_or_a_signature_is_never_read_as_the_decision(tracker, tmp_path):
    _with_requests(tracker, devon=DEVON)
    reply = _email("Devon FOI <foi@devon.gov.uk>", "RE: Pothole compensation claims", """\
Dear Sam

Please find attached the information you requested, provided in full.

Yours sincerely

Rhiannon Cole
Information Governance Officer

This email and any files sent with it are confidential and intended solely for the addressee.
Correspondence with the council may be disclosed under the Freedom of Information Act 2000,
subject to exemptions such as section 40 (personal information).
""", msgid="<granted@devon.gov.uk>", in_reply_to="<req-devon@example.org>")
    row = _inbox(tracker, tmp_path, reply)["<granted@devon.gov.uk>"]
    assert (row["event"], row["outcome"], row["exemptions"]) == ("responded", "granted", [])


def test_exemptions_are_the_ones_applied_not_the_ones_mentioned():
    refusal = _meaning("""\
Dear Mr Patel

DECISION
The force holds the information, but it is exempt from disclosure and is withheld in full.

REASONS
Section 31(1)(a)
and (b) - Law enforcement. Releasing the reports would help offenders.

Section 40(2) - Personal information.

I have also considered section 38 (health and safety), but I do not consider that it is engaged.
You said that section 43 should not apply to police data. The public interest favours
maintaining the exemption at section 31.
""")
    assert (refusal.event, refusal.outcome) == ("responded", "refused")
    assert refusal.exemptions == ["s31(1)(a)", "s31(1)(b)", "s40(2)"]
    scottish = _meaning(
        "I am refusing to provide the information. The exemptions that apply are sections 35(1)(a) and (b) "
        "and 39(1) of FOISA. Section 16 of the Act requires us to say so.", regime="foisa")
    assert scottish.outcome == "refused" and scottish.exemptions == ["s35(1)(a)", "s35(1)(b)", "s39(1)"]
    restated = _meaning("""\
Request
Please send me the contracts, which I do not believe are exempt under section 43.

Response
The council does not hold this information: the contracts are held by the framework's owner.
""")
    assert (restated.outcome, restated.exemptions) == ("not-held", [])


def test_a_cost_limit_exceeded_is_a_refusal_and_one_only_mentioned_is_not():
    refusal = _meaning(
        "Fees notice. We estimate that finding the penalty records would take 39 hours, which at £25 an hour "
        "is £975. The cost of compliance would exceed the appropriate limit of £450, so the council is not "
        "obliged to comply and will not be providing the information.", subject="Fees Notice - FOI-113587")
    assert (refusal.event, refusal.outcome, refusal.exemptions) == ("responded", "refused", ["s12"])
    fee = _meaning("""\
Finding the documents will take less than 18 hours, within the appropriate limit, so there is no
charge for our time. We do charge for printing and postage:

- Printing: 120 pages at 10p a page = £12.00
- Postage: £3.50

Total fee: £15.50. We will send the documents when we receive your payment.
""")
    assert (fee.event, fee.amount, fee.sure) == ("fee-notice", 15.5, True)


def test_extension_dates_are_read_in_the_forms_authorities_write_them():
    import datetime as dt

    cases = {
        "We need to extend the time for our reply and will respond by Wednesday 23rd August.": dt.date(2023, 8, 23),
        "Under regulation 7(1) we are extending the time: we will respond on or before 4/9/23.": dt.date(2023, 9, 4),
        "We need further time to consider the public interest and will now reply no later than 2023-08-31.": dt.date(2023, 8, 31),
        "We need to consider the public interest test, and we will send our full response by 14th August 2023.": dt.date(2023, 8, 14),
    }
    for text, until in cases.items():
        meaning = _meaning(text)
        assert (meaning.event, meaning.until, meaning.sure) == ("extended", until, True), text
    days = _meaning("Section 10(3) allows us more time. We will respond within a further twenty working days.")
    assert (days.event, days.until, days.days) == ("extended", None, 20)


def test_references_are_found_in_the_forms_authorities_write_them():
    from foitrack.mail.details import find_ref

    assert find_ref("Your case reference is CRM:0012345.")[0] == "CRM:0012345"
    assert find_ref("Fees Notice - FOI-113587 - SEND transport contracts")[0] == "FOI-113587"
    assert find_ref("Cais Rhyddid Gwybodaeth – Cyfeirnod: GC-23-0789")[0] == "GC-23-0789"
    assert find_ref("FREEDOM OF INFORMATION REQUEST REFERENCE NO: 5874/23")[0] == "5874/23"
    assert find_ref("Our ref: 1102/23")[0] == "1102/23"


HACKNEY_TWO = {
    "hackney-cctv": """
        authority = "London Borough of Hackney"
        subject = "CCTV contracts"
        sent = 2023-06-01
        email = "foi@hackney.gov.uk"

        [[events]]
        type = "acknowledged"
        date = 2023-06-02
        ref = "HK-FOI-23-0558"

        [[events]]
        type = "responded"
        date = 2023-07-07
        outcome = "partial"
        exemptions = ["s43(2)"]
    """,
    "hackney-permits": """
        authority = "London Borough of Hackney"
        subject = "Parking permit data"
        sent = 2023-06-09
        email = "foi@hackney.gov.uk"
    """,
}


def test_the_commissioner_is_matched_by_the_authority_and_request_it_names_and_dated_as_it_says(tracker, tmp_path):
    _with_requests(tracker, **HACKNEY_TWO)
    receipt = _email("Information Commissioner's Office <casework@ico.org.uk>", "We have received your complaint - IC-258801-Q4R6", """\
Dear Mr Patel

Thank you for your complaint about the London Borough of Hackney, which we received on
8 September 2023. Your case reference is IC-258801-Q4R6.

We will look at the council's response to your request for its CCTV contracts.

Yours sincerely
Information Commissioner's Office
""", msgid="<receipt@ico.org.uk>", date="Mon, 11 Sep 2023 08:31:00 +0100")
    row = _inbox(tracker, tmp_path, receipt, apply=True)["<receipt@ico.org.uk>"]
    assert row["request"].endswith("hackney-cctv") and (row["matched_by"], row["evidence"]) == ("address", "commissioner")
    assert (row["event"], row["ref"], row["action"]) == ("complained", "IC-258801-Q4R6", "recorded")
    complained = events(tracker.requests / "hackney-cctv.toml")[-1]
    assert complained["type"] == "complained" and str(complained["date"]) == "2023-09-08"
    # A letter that names the authority but not the request: its requests are the candidates.
    update = _email("ICO <casework@ico.org.uk>", "Your complaint about Hackney Council",
                    "Dear Mr Patel\n\nI have written to Hackney Council and will be in touch.\n",
                    msgid="<update@ico.org.uk>", date="Mon, 16 Oct 2023 09:00:00 +0100")
    (tmp_path / "replies" / "00.eml").unlink()
    asked = _inbox(tracker, tmp_path, update)["<update@ico.org.uk>"]
    assert asked["request"] is None and asked["action"] == "needs-decision"
    assert sorted(asked["candidates"]) == ["hackney-cctv", "hackney-permits"]


def test_a_commissioners_decision_that_goes_both_ways_is_partly_upheld():
    decision = _meaning("""\
Summary
The Commissioner finds that the Ministers partially complied with Part 1 of FOISA. They were
entitled to withhold the legal advice under section 36(1). However, they were wrong to withhold
the instructions to counsel, which the Commissioner requires them to disclose.
""", subject="Decision 167/2023", regime="foisa", sender_domain="foi.scot", has_complaint=True)
    assert (decision.event, decision.outcome, decision.sure) == ("decision", "partly-upheld", True)
    both_ways = _meaning(
        "The Commissioner's decision notice finds that the council was entitled to rely on section 43(2) for the "
        "prices, but was not entitled to withhold the names of the suppliers.", sender_domain="ico.org.uk", has_complaint=True)
    assert both_ways.outcome == "partly-upheld"


def test_a_bounce_of_the_request_is_matched_by_the_returned_message_and_records_nothing(tracker, tmp_path):
    from email.mime.base import MIMEBase
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText
    from email.message import Message

    _with_requests(tracker, devon=DEVON)
    report = MIMEMultipart("report", report_type="delivery-status")
    report["From"] = "Mail Delivery System <MAILER-DAEMON@mx1.example.org>"
    report["To"] = "sam.patel@example.org"
    report["Subject"] = "Undelivered Mail Returned to Sender"
    report["Date"] = "Mon, 03 Jul 2023 08:02:00 +0100"
    report["Message-ID"] = "<bounce@mx1.example.org>"
    report.attach(MIMEText("Your message could not be delivered to one or more recipients.\n"))
    status = MIMEBase("message", "delivery-status")
    recipient = Message()
    recipient["Final-Recipient"] = "rfc822; foi@devon.gov.uk"
    recipient["Action"] = "failed"
    recipient["Status"] = "5.2.2"
    recipient["Diagnostic-Code"] = "smtp; 552 5.2.2 Mailbox full"
    status.set_payload([Message(), recipient])
    report.attach(status)
    report.attach(MIMEText(
        "From: sam.patel@example.org\nTo: foi@devon.gov.uk\nSubject: Freedom of Information request: Pothole compensation claims\n"
        "Message-ID: <req-devon@example.org>\n", "rfc822-headers"))
    row = _inbox(tracker, tmp_path, report.as_bytes(), apply=True)["<bounce@mx1.example.org>"]
    assert row["request"].endswith("devon") and row["matched_by"] == "thread"
    assert row["event"] is None and row["action"] == "needs-decision"
    assert any("was not delivered: 552 5.2.2 Mailbox full" in why for why in row["why"])
    assert any("foitrack send devon --resend" in why for why in row["why"])
    assert events(tracker.requests / "devon.toml") == []


def test_an_automatic_receipt_of_a_chaser_records_nothing(tracker, tmp_path):
    _with_requests(tracker, norfolk="""
        authority = "Norfolk County Council"
        subject = "SEND transport contracts"
        sent = 2023-06-05
        email = "foi@norfolk.gov.uk"
        message_id = "<req-norfolk@example.org>"

        [[events]]
        type = "chased"
        date = 2023-07-04
        message_id = "<chaser-norfolk@example.org>"
    """)
    receipt = _email("Norfolk FOI <foi@norfolk.gov.uk>", "Automatic reply: Overdue Freedom of Information request: SEND transport contracts",
                     "This is an automatic message to let you know that your email has arrived. We will reply as soon as possible.",
                     msgid="<auto@norfolk.gov.uk>", in_reply_to="<chaser-norfolk@example.org>", headers=[("Auto-Submitted", "auto-replied")])
    row = _inbox(tracker, tmp_path, receipt)["<auto@norfolk.gov.uk>"]
    assert row["request"].endswith("norfolk") and row["event"] is None and row["action"] == "needs-decision"
    assert any("an automatic receipt of your chaser" in why for why in row["why"])


def test_a_bilingual_welsh_and_english_letter_is_read_and_matched_by_the_day_of_the_request(tracker, tmp_path):
    _with_requests(tracker, gwynedd="""
        authority = "Gwynedd Council"
        subject = "Second homes council tax premium"
        sent = 2023-06-07
        email = "rhyddid.gwybodaeth@gwynedd.llyw.cymru"
    """)
    welsh_first = _email("Swyddog <rhyddid.gwybodaeth@gwynedd.llyw.cymru>", "Cais Rhyddid Gwybodaeth / Freedom of Information Request", """\
Annwyl Sam Patel,

Diolch am eich cais am wybodaeth, a dderbyniwyd ar 7 Mehefin 2023. Cyfeirnod: GC-23-0789.

Yn gywir,
Swyddog Rhyddid Gwybodaeth

Dear Sam Patel,

Thank you for your request for information, received on 7 June 2023. Reference: GC-23-0789.
We will respond no later than twenty working days from the date of receipt.

Yours sincerely,
Freedom of Information Officer
""", msgid="<ack@gwynedd.llyw.cymru>", date="Thu, 08 Jun 2023 10:22:00 +0100")
    row = _inbox(tracker, tmp_path, welsh_first)["<ack@gwynedd.llyw.cymru>"]
    assert row["request"].endswith("gwynedd") and row["matched_by"] == "address"
    assert (row["event"], row["ref"], row["action"]) == ("acknowledged", "GC-23-0789", "would-record")
    # The Welsh Government writes from llyw.cymru itself; a council's subdomain is not it.
    from foitrack.mail.matching import _same_sender

    assert _same_sender("foi@gwynedd.llyw.cymru", ["foi@llyw.cymru"]) is None
    assert _same_sender("foi@info.hackney.gov.uk", ["foi@hackney.gov.uk"]) == "the domain"


LAMBETH_TWO = {
    "lambeth-ta": """
        authority = "London Borough of Lambeth"
        subject = "Temporary accommodation spending"
        sent = 2023-06-12
        email = "foi@lambeth.gov.uk"
        message_id = "<req-lambeth-ta@example.org>"

        [[events]]
        type = "acknowledged"
        date = 2023-06-13
        ref = "FOI/2023/0123"
    """,
    "lambeth-streets": """
        authority = "London Borough of Lambeth"
        subject = "School Streets enforcement"
        sent = 2023-06-16
        email = "foi@lambeth.gov.uk"

        [[events]]
        type = "acknowledged"
        date = 2023-06-19
        ref = "FOI/2023/0718"
    """,
}


def test_a_reply_in_the_wrong_thread_goes_where_its_reference_says_and_otherwise_is_asked_about(tracker, tmp_path):
    _with_requests(tracker, **LAMBETH_TWO)
    wrong_thread = _email("Lambeth FOI <foi@lambeth.gov.uk>", "RE: Freedom of Information request: Temporary accommodation spending", """\
Dear Mr Patel

Re: FOI/2023/0718

The council does not hold the information you asked for about School Streets cameras.

Information Governance
""", msgid="<wrong-thread@lambeth.gov.uk>", in_reply_to="<req-lambeth-ta@example.org>")
    no_reference = _email("Lambeth FOI <foi@lambeth.gov.uk>", "Your information request", """\
Dear Mr Patel

Thank you for your request. Please find attached the information you requested, in full.

Information Governance
""", msgid="<which@lambeth.gov.uk>")
    in_passing = _email("Lambeth FOI <foi@lambeth.gov.uk>", "RE: Freedom of Information request: Temporary accommodation spending", """\
Dear Mr Patel

Your other request, FOI/2023/0718, was answered last week. We do not hold the spending figures
you ask for here.

Information Governance
""", msgid="<in-passing@lambeth.gov.uk>", in_reply_to="<req-lambeth-ta@example.org>")
    rows = _inbox(tracker, tmp_path, wrong_thread, no_reference, in_passing)
    assert rows["<in-passing@lambeth.gov.uk>"]["request"] is None  # thread and reference disagree: asked
    assert rows["<in-passing@lambeth.gov.uk>"]["action"] == "needs-decision"
    moved = rows["<wrong-thread@lambeth.gov.uk>"]
    assert moved["request"].endswith("lambeth-streets") and moved["matched_by"] == "reference"
    assert (moved["event"], moved["outcome"]) == ("responded", "not-held")
    asked = rows["<which@lambeth.gov.uk>"]
    assert asked["request"] is None and asked["action"] == "needs-decision"
    assert sorted(asked["candidates"]) == ["lambeth-streets", "lambeth-ta"]


def test_a_message_from_an_authority_with_nothing_naming_its_request_is_asked_about_never_matched(tracker, tmp_path):
    _with_requests(tracker, tewkesbury="""
        authority = "Tewkesbury Borough Council"
        subject = "Garden waste subscriptions"
        sent = 2023-06-26
        email = "foi@tewkesbury.gov.uk"
    """)
    other_request = _email("Tewkesbury FOI <foi@tewkesbury.gov.uk>", "FOI 2023-0777", """\
Dear Sam Patel,

Thank you for your request of 22 June 2023. The council holds this information and it is provided in full below.
""", msgid="<other@tewkesbury.gov.uk>")
    mailing = _email("Tewkesbury Borough Council <noreply@tewkesbury.gov.uk>", "Garden waste subscriptions: renew for 2023/24",
                     "Renew your brown bin now. Your request for a new bin can be made online.",
                     msgid="<mailing@tewkesbury.gov.uk>", headers=[("List-Unsubscribe", "<https://tewkesbury.example/unsubscribe>")])
    rows = _inbox(tracker, tmp_path, other_request, mailing)
    other = rows["<other@tewkesbury.gov.uk>"]
    assert other["request"] is None and other["action"] == "needs-decision"
    assert [Path(c).name for c in other["candidates"]] == ["tewkesbury"]
    assert rows["<mailing@tewkesbury.gov.uk>"]["request"] is None and rows["<mailing@tewkesbury.gov.uk>"]["action"] == "unmatched"


def test_a_reply_forwarded_by_a_colleague_is_read_as_the_authoritys(tracker, tmp_path):
    _with_requests(tracker, psni="""
        authority = "Police Service of Northern Ireland"
        subject = "Mobile phone extraction"
        sent = 2023-05-30
        email = "foi@psni.police.uk"

        [[events]]
        type = "acknowledged"
        date = 2023-05-31
        ref = "F-2023-01877"
    """)
    forwarded = _email("Ciarán <ciaran@newsdesk.example.net>", "FW: PSNI FOI F-2023-01877", """\
Sam - this came to the desk inbox. Forwarding in full.

________________________________
From: PSNI Freedom of Information <foi@psni.police.uk>
Sent: 27 June 2023 15:12
To: newsdesk <newsdesk@newsdesk.example.net>
Subject: PSNI FOI F-2023-01877

Dear Mr Patel,

PSNI can neither confirm nor deny that it holds the information you have requested, by virtue
of sections 24 and 31.

Disclosure Unit
""", msgid="<fw@newsdesk.example.net>")
    row = _inbox(tracker, tmp_path, forwarded)["<fw@newsdesk.example.net>"]
    assert row["from"] == "foi@psni.police.uk" and row["request"].endswith("psni")
    assert (row["event"], row["outcome"], row["exemptions"]) == ("responded", "neither-confirm-nor-deny", ["s24", "s31"])


def test_what_the_requester_did_is_dated_the_day_the_authority_says_it_got_it(tracker, tmp_path):
    _with_requests(tracker, psni="""
        authority = "Police Service of Northern Ireland"
        subject = "Mobile phone extraction"
        sent = 2023-05-30
        email = "foi@psni.police.uk"

        [[events]]
        type = "acknowledged"
        date = 2023-05-31
        ref = "F-2023-01877"

        [[events]]
        type = "responded"
        date = 2023-06-27
        outcome = "neither-confirm-nor-deny"
        exemptions = ["s24", "s31"]
    """)
    review = _email("PSNI FOI <foi@psni.police.uk>", "Request for Review: F-2023-01877", """\
Dear Mr Patel,

I acknowledge receipt of your email of 3 July 2023 in which you ask for an internal review of the
response to your request F-2023-01877. We aim to complete internal reviews within 20 working days.

Review Officer
""", msgid="<review-ack@psni.police.uk>", date="Tue, 04 Jul 2023 09:55:00 +0100")
    row = _inbox(tracker, tmp_path, review, apply=True)["<review-ack@psni.police.uk>"]
    assert (row["event"], row["action"]) == ("review-requested", "recorded")
    asked = events(tracker.requests / "psni.toml")[-1]
    assert asked["type"] == "review-requested" and str(asked["date"]) == "2023-07-03"


def test_an_acknowledgement_already_recorded_is_not_recorded_again(tracker, tmp_path):
    _with_requests(tracker, hackney_cctv=HACKNEY_TWO["hackney-cctv"])
    again = _email("Hackney FOI <foi@hackney.gov.uk>", "Your request HK-FOI-23-0558",
                   "We acknowledge receipt of your request, logged under reference HK-FOI-23-0558.",
                   msgid="<again@hackney.gov.uk>", date="Mon, 05 Jun 2023 09:00:00 +0100")
    row = _inbox(tracker, tmp_path, again)["<again@hackney.gov.uk>"]
    assert row["event"] == "acknowledged" and row["action"] == "already-recorded"


def test_a_domain_public_bodies_share_never_names_one_of_them(tracker, tmp_path):
    _with_requests(tracker, barts="""
        authority = "Barts Health NHS Trust"
        subject = "Hospital car parking income"
        sent = 2023-06-21
        email = "bartshealth.foi@nhs.net"
    """)
    other_trust = _email("Another Trust <foi.othertrust@nhs.net>", "Hospital car parking income - response",
                         "Please find attached the information you requested, in full.", msgid="<other@nhs.net>")
    barts = _email("Barts FOI <bartshealth.foi@nhs.net>", "RE: Hospital car parking income",
                   "Please find attached the information you requested, in full.", msgid="<barts@nhs.net>")
    rows = _inbox(tracker, tmp_path, other_trust, barts)
    assert rows["<other@nhs.net>"]["request"] is None
    assert rows["<barts@nhs.net>"]["request"].endswith("barts") and rows["<barts@nhs.net>"]["matched_by"] == "address"


def test_a_reference_first_given_with_an_extension_is_kept_and_later_mail_matches_by_it(tracker, tmp_path):
    _with_requests(tracker, wyp="""
        authority = "West Yorkshire Police"
        subject = "Taser use on children"
        sent = 2023-06-20
        email = "foi@westyorkshire.police.uk"
        message_id = "<req-wyp@example.org>"
    """)
    extension = _email("WYP FOI <foi@westyorkshire.police.uk>", "RE: Freedom of Information request: Taser use on children", """\
FREEDOM OF INFORMATION REQUEST REFERENCE NO: 5874/23

Section 10(3) of the Act allows us to extend the time for our response to consider the public
interest, and we are doing so. We will respond within a further 20 working days.
""", msgid="<ext@westyorkshire.police.uk>", in_reply_to="<req-wyp@example.org>", date="Mon, 17 Jul 2023 15:20:00 +0100")
    _inbox(tracker, tmp_path, extension, apply=True)
    extended, acknowledged = events(tracker.requests / "wyp.toml")
    assert extended["type"] == "extended" and extended["days"] == 20 and extended["message_id"] == "<ext@westyorkshire.police.uk>"
    assert acknowledged["type"] == "acknowledged" and acknowledged["ref"] == "5874/23" and "message_id" not in acknowledged
    decision = _email("WYP FOI <foi@westyorkshire.police.uk>", "FOI 5874/23 - Decision",
                      "The force holds the information, but it is withheld in full under section 31(1)(a).",
                      msgid="<decision@westyorkshire.police.uk>", date="Mon, 14 Aug 2023 16:03:00 +0100")
    (tmp_path / "replies" / "00.eml").unlink()
    row = _inbox(tracker, tmp_path, decision)["<decision@westyorkshire.police.uk>"]
    assert row["request"].endswith("wyp") and row["matched_by"] == "reference" and row["outcome"] == "refused"


def test_a_review_that_releases_some_and_keeps_some_withheld_is_partly_overturned():
    review = _meaning("""\
I have now carried out the review you required of our response. I consider that the original
response was too cautious: the monthly figures are now released in the attached table, except
where a figure is between one and four. Those small figures remain withheld under s38 FOISA.
""", regime="foisa", open_review=True)
    assert (review.event, review.outcome, review.exemptions, review.sure) == ("review-responded", "partly-overturned", ["s38"], True)


def test_inbox_json_keeps_to_the_contracts_shape_over_the_whole_corpus(tmp_path):
    # Every row has the contract's keys, and matched_by and action only the contract's values,
    # whatever kind of evidence matched it (a commissioner's letter is a match by address).
    from tests.conftest import TrackerFolder

    shutil.copytree(CORPUS / "tracker", tmp_path / "tracker")
    tracker = TrackerFolder(tmp_path / "tracker")
    rows = []
    for split in ("tune", "holdout", "holdout2", "holdout3", "holdout4"):
        result = tracker.run("inbox", str(CORPUS / "messages" / split), "--json", today="2023-12-01")
        assert result.exit_code in (0, 1), result.stderr
        rows += result.json()
    keys = {"message_id", "date", "from", "subject", "request", "matched_by", "event", "outcome",
            "exemptions", "ref", "amount", "until", "attachments", "action", "why"}
    assert all(keys <= set(row) for row in rows)
    assert {row["matched_by"] for row in rows} <= {"thread", "reference", "whatdotheyknow", "address", None}
    assert {row["action"] for row in rows} <= {"recorded", "would-record", "needs-decision", "unmatched", "already-recorded"}
    assert "commissioner" in {row["evidence"] for row in rows}  # the corpus has commissioners' letters


def test_words_from_a_message_lose_their_control_characters_before_they_reach_an_event(tracker):
    # A reference or a reason read out of a PDF can carry a form feed or an escape: the request
    # file refuses control characters, so the event would be refused; they are dropped instead.
    import datetime as dt

    from foitrack.mail.meaning import Meaning
    from foitrack.tracker import Tracker

    meaning = Meaning("extended", until=dt.date(2023, 8, 4), reason="to consider\x0cthe public\x1b[2J interest", ref="FOI/2023/\x0c0718")
    meaning.event = "extended"
    options = meaning.options()
    assert options["reason"] == "to considerthe public[2J interest" and "ref" not in options  # extended takes no ref
    acknowledged = Meaning("acknowledged", ref="FOI/2023/\x0c0718\n")
    assert acknowledged.options() == {"ref": "FOI/2023/ 0718"}  # a form feed is white space: a space
    event = Tracker(tracker.root, use_git=False).build_event("extended", dt.date(2023, 7, 20), **options)
    assert event.reason == "to considerthe public[2J interest"


def test_what_inbox_leaves_to_decide_comes_with_a_command_ready_to_paste(tmp_path):
    # Over the unseen corpus: a message with nothing to record is only to dismiss; one that could
    # be only one request names it; every value is quoted for the shell; an extension with no new
    # date asks for one rather than print a command that would fail.
    import shlex

    from tests.conftest import TrackerFolder

    shutil.copytree(CORPUS / "tracker", tmp_path / "tracker")
    tracker = TrackerFolder(tmp_path / "tracker")
    result = tracker.run("inbox", str(CORPUS / "messages" / "holdout4"), today="2023-12-01")
    commands = [line.split("record it: ", 1)[1] for line in result.stdout.splitlines() if "record it: " in line]
    nothing = [line for line in result.stdout.splitlines() if "nothing to record: foitrack inbox --dismiss" in line]
    assert commands and nothing
    for command in commands:
        words = shlex.split(command)  # pastes as one command: every value quoted
        assert words[:2] == ["foitrack", "record"] and "--message" in words
        if words[3] == "extended":
            assert "--until" in words or "--days" in words
