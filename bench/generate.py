"""Write a tracker of COUNT synthetic FOI requests, for timing foitrack on a newsroom's years of work.

    python bench/generate.py 10000 /tmp/foi-10k [--seed 1] [--until 2024-06-28]

The requests go to authorities drawn from foitrack's directory, in batches and alone, over the four
years before --until, with the events real requests collect: acknowledgements, clarifications, fees,
extensions, chasers, responses with outcomes and exemptions, internal reviews, complaints to the
commissioner, the odd withdrawal and note. No event is dated after --until, so a tracker evaluated
`--as-of` that date has a realistic mix of answered, open and overdue requests.

Files are rendered with `foitrack.tomltext.render_request`, exactly as `foitrack new` writes them,
and written directly (not through the CLI) so that 100,000 requests take a minute, not an hour.
The same --seed always gives the same files, byte for byte.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from foitrack.law.workdays import calendar_for  # noqa: E402
from foitrack.directory import Directory  # noqa: E402
from foitrack.store.folder import _AUTHORITY_NOISE, _ID_ALPHABET, slugify  # noqa: E402
from foitrack.store.tomltext import render_request  # noqa: E402

SETTINGS = """\
# A synthetic tracker written by bench/generate.py for timing foitrack. Not real requests.

[requester]
name = "Bench Reporter"
email = "bench@example.org"

[chase]
every = 5
"""

TOPICS = [
    ("Contracts for CCTV maintenance", "the maintenance of public-space CCTV cameras"),
    ("Use of facial recognition", "live or retrospective facial recognition technology"),
    ("Temporary accommodation spending", "temporary accommodation for homeless households"),
    ("Meetings with surveillance vendors", "meetings with companies selling surveillance software"),
    ("Agency staff costs", "agency and interim staff"),
    ("Pothole compensation claims", "claims for vehicle damage caused by potholes"),
    ("Automatic number plate recognition", "automatic number plate recognition cameras"),
    ("Stop and search data", "stop and search encounters"),
    ("Consultancy spending", "external consultancy contracts"),
    ("Housing disrepair complaints", "complaints about damp, mould and disrepair in social housing"),
    ("Drone deployments", "the deployment of drones"),
    ("Air quality monitoring", "air quality monitoring stations and their readings"),
    ("Out-of-area care placements", "children's social care placements outside the area"),
    ("Data breaches reported to the ICO", "personal data breaches"),
    ("Non-disclosure agreements", "settlement agreements containing confidentiality clauses"),
    ("Spending on social media monitoring", "software used to monitor social media"),
    ("Business rates relief", "discretionary business rates relief"),
    ("Hospitality and gifts register", "gifts and hospitality offered to senior officers"),
    ("Body-worn video retention", "footage from body-worn video cameras"),
    ("Fly-tipping enforcement", "fixed penalty notices and prosecutions for fly-tipping"),
    ("Road closures for filming", "road closures granted for film and television production"),
    ("School transport contracts", "home-to-school transport contracts"),
    ("Predictive policing tools", "software that predicts where crime is likely to happen"),
    ("Planning enforcement backlog", "open planning enforcement cases"),
    ("Mobile phone extraction", "the extraction of data from mobile phones"),
    ("Energy costs of council buildings", "gas and electricity costs for council-owned buildings"),
    ("Procurement waivers", "waivers of the usual procurement rules"),
    ("Misconduct hearings", "misconduct hearings and their outcomes"),
    ("Empty homes", "long-term empty residential properties"),
    ("Tree felling on highways", "trees removed from the highway and the reasons given"),
]

ITEM_TEMPLATES = [
    "copies of any contracts, framework agreements or purchase orders concerning {what}, including their start and end dates and total value",
    "the number of incidents, cases or decisions relating to {what} in each financial year from {y0}/{y1} to date, broken down by month if that information is held",
    "any briefing notes, reports or presentations prepared for senior officers or elected members about {what} since 1 January {y0}",
    "the names of any companies you have met or corresponded with about {what}, and the dates of those meetings",
    "minutes, agendas and notes of any meetings at which {what} was discussed since 1 January {y0}",
    "any data protection impact assessment, equality impact assessment or risk assessment that covers {what}",
    "the total amount spent on {what} in each of the last three financial years",
    "any policy, procedure or guidance document that governs {what}, with the date each version was approved",
    "any correspondence with other public authorities about {what} since 1 January {y0}",
    "the number of complaints received about {what} and how many were upheld",
    "details of any trial, pilot or evaluation of {what}, including its results",
    "the job titles of the officers responsible for decisions about {what}",
]

OPENINGS = [
    "I am writing to make a request for information under the {law}.",
    "Under the {law}, I would like to request the following information.",
    "Please treat this email as a request for information under the {law}.",
]

CLOSINGS = [
    "If any part of this request would take the cost of compliance over the appropriate limit, "
    "please tell me which part, and what you could provide within the limit, so that I can narrow "
    "it; I understand you have a duty to advise and assist under section 16.",
    "Where information is exempt, please release the rest of the document with only the exempt "
    "parts redacted, and tell me which exemption applies to each redaction and why the public "
    "interest favours withholding it where that test applies.",
    "I would prefer to receive the information electronically, as spreadsheets where the data is "
    "tabular and as searchable documents otherwise. A link to information already published "
    "would also be welcome.",
    "If you need me to clarify any part of this request, please contact me as soon as possible "
    "so that the clock is not held up for longer than necessary.",
    "Please acknowledge this request and give me a reference number for it. I look forward to "
    "your response within the statutory time limit.",
]

LAWS = {
    "foia": "Freedom of Information Act 2000",
    "eir": "Environmental Information Regulations 2004",
    "foisa": "Freedom of Information (Scotland) Act 2002",
    "eisr": "Environmental Information (Scotland) Regulations 2004",
    "sar": "UK GDPR (a subject access request)",
}

TAGS = ["surveillance", "housing", "policing", "spending", "environment", "children", "transport",
        "health", "procurement", "council-tax", "planning", "follow-up"]

FOIA_EXEMPTIONS = ["s40(2)", "s43(2)", "s31(1)(a)", "s21", "s12", "s14(1)", "s36(2)(c)", "s42(1)",
                   "s41(1)", "s22(1)", "s38(1)"]
POLICE_EXEMPTIONS = ["s24(1)", "s31(1)(a)", "s40(2)", "s30(1)", "s23(5)", "s43(2)"]
NCND_EXEMPTIONS = ["s23(5)", "s24(2)", "s31(3)", "s40(5)", "s30(3)"]
EIR_EXCEPTIONS = ["reg12(4)(b)", "reg12(5)(e)", "reg13(1)", "reg12(4)(d)", "reg12(5)(b)"]

NOTES = [
    "Spoke to the FOI officer by phone; they expect to reply this week.",
    "Colleague on the data desk has the spreadsheet.",
    "Response cross-checked against the published spending data.",
    "Possible story: compare with neighbouring authorities.",
]


class Generator:
    def __init__(self, seed: int, until: dt.date):
        self.rng = random.Random(seed)
        self.until = until
        self.calendar = calendar_for("foia")
        directory = Directory.load()
        everyone = list(directory)
        # Newsrooms ask councils and police far more often than regulators or parliaments.
        weights = {"council": 3, "police": 6, "department": 2}
        self.authorities = everyone
        self.weights = [weights.get(a.kind, 1) for a in everyone]
        self.used_stems: set[str] = set()
        self.refs = 0

    # -- dates ---------------------------------------------------------------------------------

    def wd(self, start: dt.date, days: int) -> dt.date:
        return self.calendar.add_working_days(start, max(1, days))

    def days(self, start: dt.date, days: int) -> dt.date:
        return start + dt.timedelta(days=max(1, days))

    # -- text ----------------------------------------------------------------------------------

    def body(self, regime: str, what: str, sent: dt.date) -> str:
        rng = self.rng
        y0 = sent.year - rng.randint(2, 5)
        items = rng.sample(ITEM_TEMPLATES, rng.randint(3, 7))
        lines = ["Dear Information Officer,", "", rng.choice(OPENINGS).format(law=LAWS[regime]), ""]
        lines.append("Please provide:")
        for number, item in enumerate(items, 1):
            lines.append(f"{number}. {item.format(what=what, y0=y0, y1=str(y0 + 1)[2:])}.")
        lines.append("")
        for closing in rng.sample(CLOSINGS, rng.randint(2, 4)):
            lines.append(closing)
            lines.append("")
        lines += ["Yours faithfully,", "Bench Reporter"]
        return "\n".join(lines)

    def ref(self, authority: str, year: int) -> str:
        self.refs += 1
        prefix = "".join(word[0] for word in authority.split() if word[0].isupper())[:4] or "FOI"
        return f"{prefix}-{year}-{self.refs:06d}"

    def stem(self, sent: dt.date, authority: str, subject: str) -> str:
        short = _AUTHORITY_NOISE.sub("", authority) or authority
        base = f"{sent.isoformat()}-{slugify(short, 24)}-{slugify(subject, 28)}"
        while True:
            stem = base + "-" + "".join(self.rng.choice(_ID_ALPHABET) for _ in range(4))
            if stem not in self.used_stems:
                self.used_stems.add(stem)
                return stem

    # -- events --------------------------------------------------------------------------------

    def events(self, authority, regime: str, sent: dt.date) -> list[dict]:
        """A plausible history, in date order, cut off at --until."""
        rng = self.rng
        out: list[dict] = []
        police = authority.kind == "police"

        def add(event: dict) -> bool:
            if out and event["date"] < out[-1]["date"]:
                event["date"] = out[-1]["date"]  # keep the history in date order
            if event["date"] > self.until:
                return False
            out.append(event)
            return True

        clock = sent
        if rng.random() < 0.7:
            if not add({"type": "acknowledged", "date": self.wd(sent, rng.randint(1, 4)),
                        "ref": self.ref(authority.name, sent.year)}):
                return out
        if rng.random() < 0.02:
            add({"type": "withdrawn", "date": self.wd(sent, rng.randint(2, 15)),
                 "reason": "Story dropped; no longer needed"})
            return out
        if rng.random() < 0.08:
            asked = self.wd(sent, rng.randint(2, 10))
            if not add({"type": "clarification-requested", "date": asked,
                        "note": "Asked which years and which departments are meant"}):
                return out
            if rng.random() < 0.1:
                return out  # never answered: the clock stays stopped
            clock = self.days(asked, rng.randint(1, 14))
            if not add({"type": "clarified", "date": clock, "note": "Narrowed to the last three years"}):
                return out
        if regime != "sar" and rng.random() < 0.03:
            notice = self.wd(clock, rng.randint(5, 15))
            if not add({"type": "fee-notice", "date": notice, "amount": float(rng.choice([25, 60, 120, 450]))}):
                return out
            roll = rng.random()
            if roll < 0.3:
                add({"type": "withdrawn", "date": self.days(notice, rng.randint(10, 40)),
                     "reason": "Fee not worth paying"})
                return out
            if roll < 0.4:
                return out  # still deciding whether to pay
            paid = self.days(notice, rng.randint(1, 20))
            if not add({"type": "fee-paid", "date": paid, "amount": out[-1]["amount"]}):
                return out
            clock = paid
        limit = 20
        earliest = 5
        if regime in ("foia", "eir") and rng.random() < 0.1:
            extra = 20
            earliest = rng.randint(15, 20)
            if not add({"type": "extended", "date": self.wd(clock, earliest), "days": extra,
                        "reason": "Public interest test" if regime == "foia" else "Complex and voluminous"}):
                return out
            limit += extra
        # When the response comes: most on time, some late, a few very late or never.
        roll = rng.random()
        if roll < 0.68:
            taken = rng.randint(earliest + 1, limit)
        elif roll < 0.86:
            taken = rng.randint(limit + 1, limit + 20)
        elif roll < 0.95:
            taken = rng.randint(limit + 21, limit + 80)
        else:
            taken = None  # never answered
        answer = self.wd(clock, taken) if taken else None
        if taken is None or taken > limit:
            chased = self.wd(clock, limit + rng.randint(2, 6))
            if (answer is None or chased < answer) and rng.random() < 0.6:
                if not add({"type": "chased", "date": chased, "to": f"foi@{slugify(authority.name, 20)}.example.org",
                            "stage": 1}):
                    return out
        if answer is None:
            return out
        outcome = rng.choices(["granted", "partial", "refused", "not-held", "neither-confirm-nor-deny"],
                              weights=[34, 26, 20, 14, 6])[0]
        response = {"type": "responded", "date": answer, "outcome": outcome}
        if outcome in ("partial", "refused"):
            if regime in ("eir", "eisr"):
                pool = EIR_EXCEPTIONS
            elif police:
                pool = POLICE_EXEMPTIONS
            else:
                pool = FOIA_EXEMPTIONS
            response["exemptions"] = rng.sample(pool, rng.randint(1, 3))
        elif outcome == "neither-confirm-nor-deny" and regime not in ("eir", "eisr"):
            response["exemptions"] = rng.sample(NCND_EXEMPTIONS, rng.randint(1, 2))
        if rng.random() < 0.5:
            response["ref"] = self.ref(authority.name, answer.year)
        if not add(response):
            return out
        if rng.random() < 0.05:
            if not add({"type": "note", "date": self.days(answer, rng.randint(1, 10)), "text": rng.choice(NOTES)}):
                return out
        if outcome in ("partial", "refused", "neither-confirm-nor-deny") and rng.random() < 0.3:
            asked = self.days(out[-1]["date"], rng.randint(3, 30))
            if not add({"type": "review-requested", "date": asked,
                        "note": "The public interest test was not properly applied"}):
                return out
            if rng.random() < 0.85:
                review = {"type": "review-responded", "date": self.wd(asked, rng.randint(10, 45)),
                          "outcome": rng.choices(["upheld", "partly-overturned", "overturned"], [70, 20, 10])[0]}
                if review["outcome"] != "overturned" and "exemptions" in response:
                    review["exemptions"] = response["exemptions"][:1]
                if not add(review):
                    return out
                if review["outcome"] == "upheld" and rng.random() < 0.3:
                    complained = self.days(review["date"], rng.randint(5, 40))
                    if not add({"type": "complained", "date": complained, "ref": f"IC-{rng.randint(100000, 399999)}-{rng.choice('ABCDEFGHJK')}{rng.randint(1, 9)}{rng.choice('ABCDEFGHJK')}{rng.randint(1, 9)}"}):
                        return out
                    if rng.random() < 0.6:
                        add({"type": "decision", "date": self.days(complained, rng.randint(60, 300)),
                             "ref": f"IC-{rng.randint(100000, 399999)}",
                             "outcome": rng.choice(["upheld", "partly-upheld", "not-upheld"])})
        return out

    # -- requests ------------------------------------------------------------------------------

    def requests(self, count: int):
        """Yield (stem, text) for `count` requests; batches share a subject, date and body."""
        rng = self.rng
        start = self.until - dt.timedelta(days=4 * 365)
        span = (self.until - start).days
        made = 0
        while made < count:
            topic, what = rng.choice(TOPICS)
            size = 1 if rng.random() < 0.55 else rng.randint(2, 9)
            size = min(size, count - made)
            # More requests lately (a desk that grew), so the recent weeks hold open ones too.
            sent = start + dt.timedelta(days=int(rng.triangular(0, span, span)))
            while sent.weekday() >= 5:
                sent -= dt.timedelta(days=1)
            chosen = []
            while len(chosen) < size:
                authority = rng.choices(self.authorities, self.weights)[0]
                if authority not in chosen:
                    chosen.append(authority)
            tags = sorted(rng.sample(TAGS, rng.randint(0, 3)))
            batch = f"{sent.isoformat()}-{slugify(topic, 32)}" if size > 1 else None
            for authority in chosen:
                regime = authority.regime
                roll = rng.random()
                if roll < 0.08:
                    regime = "eir" if regime == "foia" else "eisr"
                elif roll < 0.1:
                    regime = "sar"
                header = {
                    "authority": authority.name,
                    "subject": topic,
                    "sent": sent,
                    "regime": regime,
                }
                if batch:
                    header["batch"] = batch
                if tags:
                    header["tags"] = tags
                header["via"] = rng.choice(["email", "email", "web", "whatdotheyknow", "post"])
                header["body"] = self.body(regime, what, sent)
                events = self.events(authority, regime, sent)
                yield self.stem(sent, authority.name, topic), render_request(header, events)
                made += 1


def generate(count: int, root: Path, *, seed: int = 1, until: dt.date = dt.date(2024, 6, 28)) -> int:
    """Write the tracker; returns the number of request files written."""
    requests_dir = root / "requests"
    requests_dir.mkdir(parents=True, exist_ok=True)
    existing = [p for p in requests_dir.glob("*.toml")]
    if existing:
        raise SystemExit(f"{requests_dir} already holds {len(existing)} request files; use an empty folder")
    (root / "foitrack.toml").write_text(SETTINGS, encoding="utf-8")
    generator = Generator(seed, until)
    written = 0
    for stem, text in generator.requests(count):
        with open(requests_dir / f"{stem}.toml", "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        written += 1
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="how many requests to write")
    parser.add_argument("dir", type=Path, help="the tracker folder to create (its requests/ must be empty)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same files)")
    parser.add_argument("--until", type=dt.date.fromisoformat, default=dt.date(2024, 6, 28),
                        help="no event after this date; evaluate with --as-of this date (default 2024-06-28)")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    written = generate(args.count, args.dir, seed=args.seed, until=args.until)
    print(f"wrote {written} requests to {args.dir / 'requests'} in {time.perf_counter() - began:.1f}s "
          f"(evaluate with --as-of {args.until})", file=sys.stderr)


if __name__ == "__main__":
    main()
