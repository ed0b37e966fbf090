"""How well `foitrack inbox` reads the corpus of authorities' replies in tests/corpus.

    python scripts/inbox_eval.py            # the rates, for tune and holdout apart
    python scripts/inbox_eval.py --verbose  # and every message it got wrong

For each message: the request foitrack matched (never the wrong one is the rule), and what it
read the message to mean (event, outcome, exemptions, and the reference, amount or date where
one is expected). `tune` is the part of the corpus the rules were written against; `holdout`,
`holdout2` and the later held-out sets were written afterwards, and their rates as first measured
(docs/mail.md) are the honest ones.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"


def evaluate(verbose: bool = False) -> dict[str, dict[str, float]]:
    sys.path.insert(0, str(ROOT))
    from foitrack.mail.inbox import Item, _decide
    from foitrack.mail.matching import Index
    from foitrack.mail.reading import read_mail
    from foitrack.tracker import Tracker

    expected = json.loads((CORPUS / "expected.json").read_text())
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "tracker"
        shutil.copytree(CORPUS / "tracker", root)
        tracker = Tracker(root, today=dt.date(2023, 12, 1), use_git=False)
        requests, problems = tracker.load_all()
        assert not problems, problems
        index = Index(tracker, requests)
        results: dict[str, dict[str, float]] = {}
        for split in splits(expected):
            rows = []
            for name, want in sorted(expected.items()):
                if not name.startswith(split + "/"):
                    continue
                mail = read_mail((CORPUS / "messages" / name).read_bytes())
                item = Item(name, key=mail.key, mail=mail)
                _decide(tracker, index, item)
                got_request = item.request.id.rsplit("-", 1)[-1] if item.request else None
                rows.append((name, want, item, got_request))
            results[split] = _rates(rows, verbose)
        return results


def splits(expected: dict) -> list[str]:
    """The corpus's parts in the order they were written: tune, holdout, holdout2, holdout3 ..."""
    names = {name.split("/", 1)[0] for name in expected}
    return sorted(names, key=lambda split: (split != "tune", len(split), split))


def _meaning_right(want: dict, item, details: bool = True) -> tuple[bool, str]:
    """Did it read the message as a person would: the event, outcome and exemptions, and (with
    `details`) the reference, amount or new date where one is expected."""
    meaning = item.meaning
    event = meaning.event if meaning else None
    if want["event"] is None:
        ok = item.action != "would-record" and event in (None, "note")
        return ok, f"expected nothing to record, got {event} ({item.action})"
    from foitrack.store.model import exemption_section

    # Without details, an exemption is its section, as reports count it (s14 and s14(1) agree).
    shown = (lambda codes: sorted(codes)) if details else (lambda codes: sorted({exemption_section(c) for c in codes}))
    got = {
        "event": event,
        "outcome": meaning.outcome if meaning else None,
        "exemptions": shown(meaning.exemptions) if meaning else [],
    }
    wanted = {"event": want["event"], "outcome": want["outcome"], "exemptions": shown(want["exemptions"])}
    for key in ("ref", "amount", "until") if details else ():
        if key in want:
            value = getattr(meaning, key, None) if meaning else None
            got[key] = value.isoformat() if isinstance(value, dt.date) else value
            wanted[key] = want[key]
    return got == wanted, f"expected {wanted}, got {got} ({item.action}: {'; '.join(item.why)})"


def _rates(rows, verbose: bool) -> dict[str, float]:
    total = len(rows)
    about_a_request = [row for row in rows if row[1]["request"] is not None]
    wrong = [row for row in rows if row[3] is not None and row[3] != row[1]["request"]]
    matched = [row for row in about_a_request if row[3] == row[1]["request"]]
    unmatched_right = [row for row in rows if row[1]["request"] is None and row[3] is None]
    meaning = [(row, *_meaning_right(row[1], row[2])) for row in matched]
    right = [m for m in meaning if m[1]]
    recorded = [row for row in rows if row[2].action == "would-record"]
    # Recorded wrongly: on the wrong request, or the wrong event, outcome or exemptions (a right
    # event that misses its reference is counted under "meaning right" instead).
    recorded_wrong = [
        row for row in recorded
        if row[3] != row[1]["request"] or not _meaning_right(row[1], row[2], details=False)[0]
    ]
    rates = {
        "messages": total,
        "wrong request": len(wrong),
        "matched": len(matched) / len(about_a_request) if about_a_request else 1.0,
        "left alone rightly": len(unmatched_right),
        "meaning right": len(right) / len(matched) if matched else 1.0,
        "recorded unasked": len(recorded),
        "recorded wrongly": len(recorded_wrong),
        # the counts behind the rates
        "about a request": len(about_a_request),
        "matched count": len(matched),
        "meaning right count": len(right),
        "not about a request": total - len(about_a_request),
    }
    if verbose:
        for name, want, item, got in rows:
            if got != want["request"]:
                print(f"  {name}: request {got}, expected {want['request']} ({'; '.join(item.why)})")
        for (name, want, item, got), ok, why in meaning:
            if not ok:
                print(f"  {name}: {why}")
    return rates


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    results = evaluate(verbose)
    print(
        f"{'':9} {'messages':>8} {'wrong request':>14} {'matched':>13} {'meaning right':>14} "
        f"{'left alone rightly':>19} {'recorded unasked':>17} {'recorded wrongly':>17}"
    )
    for split, rates in results.items():
        matched = f"{rates['matched']:.0%} ({rates['matched count']}/{rates['about a request']})"
        right = f"{rates['meaning right']:.0%} ({rates['meaning right count']}/{rates['matched count']})"
        alone = f"{rates['left alone rightly']}/{rates['not about a request']}"
        print(
            f"{split:9} {rates['messages']:>8} {rates['wrong request']:>14} {matched:>13} {right:>14} "
            f"{alone:>19} {rates['recorded unasked']:>17} {rates['recorded wrongly']:>17}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
