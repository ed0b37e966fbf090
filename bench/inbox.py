"""Time `foitrack inbox` on a mailbox of 1,000 messages: the first run (everything read) and the
next (only what is new), each in a fresh process, as a user runs it.

    python bench/inbox.py                 # 1,000 messages
    python bench/inbox.py --count 5000

The mailbox is a Maildir of the corpus's replies (tests/corpus) over and over, each with its own
Message-ID, plus as many unrelated messages; the tracker is the corpus's.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import mailbox
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"


def build(folder: Path, count: int) -> None:
    box = mailbox.Maildir(str(folder / "Maildir"), create=True)
    sources = sorted((CORPUS / "messages").rglob("*.eml"))
    for number in range(count):
        message = email.message_from_bytes(sources[number % len(sources)].read_bytes(), policy=email.policy.default)
        del message["Message-ID"]
        message["Message-ID"] = f"<bench-{number}@bench.example>"
        if number % 2:  # half of a real inbox is not about any request
            del message["In-Reply-To"]
            message.replace_header("Subject", f"Newsletter {number}")
            message.replace_header("From", "news@newsletter.example")
        box.add(mailbox.MaildirMessage(message.as_bytes()))


def timed(tracker: Path, maildir: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "foitrack", "--dir", str(tracker), "inbox", str(maildir), "--json"],
        check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        tracker = work / "tracker"
        shutil.copytree(CORPUS / "tracker", tracker)
        build(work, options.count)
        first = timed(tracker, work / "Maildir")
        second = timed(tracker, work / "Maildir")
    print(f"{options.count} messages: first run {first:.1f} s, next run {second:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
