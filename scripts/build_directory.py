#!/usr/bin/env python3
"""Build foitrack/data/authorities.json, the shipped directory of UK public authorities.

    python scripts/build_directory.py [DATA_DIR] [--out PATH]

DATA_DIR (default: scripts/directory_data) holds the open data described in its README.md. The output is deterministic: rerunning on the same inputs gives a byte-identical file.

What goes in:
- every current council in mySociety's UK Local Authority Names and Codes (CC BY 4.0):
  canonical name = official-name; aliases = nice-name, every name variant for its code in the
  lookup file, and generated "<nice-name> Council"-style variants;
- the 44 forces in openregister's police-data (OGL v3.0), plus "X Police"/"X Constabulary" variants;
- the bodies and aliases written by hand in scripts/directory_sources/ (names of public bodies are
  facts): the forces missing from the register, government departments, regulators ...;
- abbreviations and name forms from okfn/publicbodies (ODC-PDDL, a stale 2013 list), only for
  bodies already in the directory, matched by name; its bodies are never added;
- the initials people write for councils, generated from their names: "KCC" for Kent County
  Council, "WMDC" for Wakefield Metropolitan District Council, "LBI" for the London Borough of
  Islington, "CYC" for City of York Council (see `council_initials`);
- a short name for charts and narrow tables, by rule from the canonical name
  (`foitrack.directory.short_name_for`: "London Borough of Hackney" is "Hackney", "Cheshire
  Constabulary" "Cheshire Police") with the exceptions in `SHORT_NAMES`; no two bodies may share one.

An alias whose normalised key belongs to two or more bodies is dropped from all of them unless one
claim is clearly stronger (a body's canonical name beats a hand alias, which beats a nice-name,
which beats a data or generated variant, which beats generated initials). Dropped keys are kept
under "ambiguous" so that the resolver can offer those bodies as suggestions: initials shared by
several councils ("WCC": Westminster, Warwickshire, Worcestershire ...) are ambiguous, never one
of them, and so is a hand alias written for more than one body (aliases.csv lists "NLC" for both
North Lincolnshire and North Lanarkshire).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from foitrack.directory import normalise_name, short_name_for  # noqa: E402

HAND = Path(__file__).resolve().parent / "directory_sources"
DEFAULT_DATA = REPO / "scripts" / "directory_data"
DEFAULT_OUT = REPO / "foitrack" / "data" / "authorities.json"

# Claim strength of a key for a body; the strongest claim on a key wins, a tie drops it.
CANONICAL, HAND_ALIAS, NICE, VARIANT, INITIALS = 4, 3, 2, 1, 0

NATIONS = {"England", "Scotland", "Wales", "Northern Ireland"}

# mySociety local-authority-type -> (kind, council_type)
LA_TYPES = {
    "LBO": ("council", "london-borough"),
    "MD": ("council", "metropolitan-district"),
    "UA": ("council", "unitary"),
    "CTY": ("council", "county"),
    "NMD": ("council", "district"),
    "SCO": ("council", "scottish-council"),
    "WPA": ("council", "welsh-principal-area"),
    "NID": ("council", "ni-district"),
    "CC": ("council", "city-corporation"),
    "COMB": ("combined-authority", "combined-authority"),
    "SRA": ("regional-authority", "strategic-authority"),
}

# Short names the rule cannot find: the names reporters and readers use for these bodies.
SHORT_NAMES = {
    "Metropolitan Police Service": "Met Police",
    "Police Service of Northern Ireland": "PSNI",
    "City of London Corporation": "City of London Corporation",
    "Armagh City, Banbridge and Craigavon Borough Council": "Armagh, Banbridge and Craigavon",
    "British Broadcasting Corporation": "BBC",
    "Charity Commission for England and Wales": "Charity Commission",
    "Competition and Markets Authority": "CMA",
    "Department for Business and Trade": "DBT",
    "Department for Culture, Media and Sport": "DCMS",
    "Department for Education": "DfE",
    "Department for Energy Security and Net Zero": "DESNZ",
    "Department for Environment, Food and Rural Affairs": "Defra",
    "Department for Science, Innovation and Technology": "DSIT",
    "Department for Transport": "DfT",
    "Department for Work and Pensions": "DWP",
    "Department of Agriculture, Environment and Rural Affairs (Northern Ireland)": "DAERA (NI)",
    "Department of Health and Social Care": "DHSC",
    "Driver and Vehicle Licensing Agency": "DVLA",
    "Foreign, Commonwealth and Development Office": "FCDO",
    "HM Courts and Tribunals Service": "HMCTS",
    "HM Prison and Probation Service": "HMPPS",
    "HM Revenue and Customs": "HMRC",
    "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services": "HMICFRS",
    "Independent Office for Police Conduct": "IOPC",
    "Information Commissioner's Office": "ICO",
    "Mayor's Office for Policing and Crime": "MOPAC",
    "Ministry of Defence": "MoD",
    "Ministry of Defence Police": "MoD Police",
    "Ministry of Housing, Communities and Local Government": "MHCLG",
    "Ministry of Justice": "MoJ",
    "Office for National Statistics": "ONS",
    "Scottish Environment Protection Agency": "SEPA",
    "UK Health Security Agency": "UKHSA",
}

ATTRIBUTION = [
    "Contains data from mySociety's UK Local Authority Names and Codes, CC BY 4.0 "
    "(github.com/mysociety/uk_local_authority_names_and_codes, commit 67ef8b1)",
    "Contains public sector information licensed under the Open Government Licence v3.0 "
    "(github.com/openregister/police-data, commit 9852da5)",
    "Aliases and abbreviations from okfn/publicbodies (github.com/okfn/publicbodies), ODC-PDDL-1.0",
]


class Builder:
    def __init__(self) -> None:
        self.bodies: dict[str, dict] = {}
        # key -> body name -> (strength, display form)
        self.claims: dict[str, dict[str, tuple[int, str]]] = defaultdict(dict)

    def add_body(self, name: str, **fields) -> None:
        if name in self.bodies:
            raise SystemExit(f"duplicate body {name!r}")
        self.bodies[name] = {"name": name, **fields}
        self.claim(name, name, CANONICAL)

    def claim(self, name: str, alias: str, strength: int) -> None:
        alias = " ".join(alias.split())
        key = normalise_name(alias)
        if not key or name not in self.bodies:
            return
        current = self.claims[key].get(name)
        if current is None or (strength, _display_rank(alias)) > (current[0], _display_rank(current[1])):
            self.claims[key][name] = (strength, alias)

    def find(self, text: str) -> str | None:
        """The body a name belongs to if exactly one body claims it (used to match okfn rows)."""
        owners = self.claims.get(normalise_name(text), {})
        if len(owners) == 1:
            return next(iter(owners))
        return None

    def finish(self) -> tuple[list[dict], dict[str, list[str]], int]:
        aliases: dict[str, list[str]] = defaultdict(list)
        ambiguous: dict[str, list[str]] = {}
        for key, owners in self.claims.items():
            top = max(strength for strength, _ in owners.values())
            winners = [n for n, (strength, _) in owners.items() if strength == top]
            if len(winners) > 1:
                ambiguous[key] = sorted(owners)
                continue
            (winner,) = winners
            display = owners[winner][1]
            if normalise_name(winner) != key:
                aliases[winner].append(display)
        out = []
        shorts: dict[str, str] = {}
        for name in sorted(self.bodies, key=lambda n: (n.casefold(), n)):
            body = dict(self.bodies[name])
            body["aliases"] = sorted(set(aliases[name]), key=lambda a: (a.casefold(), a))
            short = SHORT_NAMES.get(name) or short_name_for(name, body["kind"])
            if normalise_name(short) in shorts:
                raise SystemExit(f"{name!r} and {shorts[normalise_name(short)]!r} would share the short "
                                 f"name {short!r}: add one of them to SHORT_NAMES")
            shorts[normalise_name(short)] = name
            if short != name:
                body["short_name"] = short
            out.append(_ordered(body))
        return out, dict(sorted(ambiguous.items())), len(ambiguous)


def _display_rank(alias: str) -> tuple[int, int]:
    """Prefer a display form with capitals (written by a person) over an all-lowercase one."""
    return (0 if alias == alias.lower() else 1, -len(alias))


def _ordered(body: dict) -> dict:
    keys = ["name", "short_name", "aliases", "kind", "council_type", "nation", "regime", "gss", "source"]
    return {k: body[k] for k in keys if body.get(k) is not None}


def _tidy(alias: str) -> str:
    """Title-case an all-lowercase variant from the lookup file for display."""
    if alias != alias.lower():
        return alias
    small = {"and", "of", "the", "upon", "on", "in", "with", "y", "na", "a"}
    words = alias.split(" ")
    return " ".join(
        w if (i and w in small) else "-".join(p[:1].upper() + p[1:] for p in w.split("-"))
        for i, w in enumerate(words)
    )


def council_variants(official: str, nice: str, la_type: str) -> list[str]:
    """"<nice> Council" and the borough/district/city/county forms the official name implies."""
    if la_type in {"COMB", "SRA", "CC"}:
        return []
    bases = [nice]
    if nice.startswith("City of "):
        bases.append(nice[len("City of "):])
    official_words = official.split()
    out = []
    for base in bases:
        out.append(f"{base} Council")
        base_words = base.split()
        for word in ("Borough", "District", "City", "County", "County Borough"):
            if word in official and word.split()[0] not in base_words:
                out.append(f"{base} {word} Council")
        if la_type == "LBO":
            out.append(f"{base} Borough Council")
            if official.startswith("London Borough of "):
                out.append(f"London Borough of {base}")
    return [v for v in out if v.split() != official_words]


# The council-type endings people shorten to initials, longest first: "Wigan Metropolitan
# Borough Council" -> "Wigan MBC" -> "WMBC".
_TYPE_ENDINGS = [
    ("metropolitan borough council", "MBC"),
    ("metropolitan district council", "MDC"),
    ("county borough council", "CBC"),
    ("city council", "CC"),
    ("county council", "CC"),
    ("borough council", "BC"),
    ("district council", "DC"),
]
_SMALL_WORDS = {"and", "of", "the", "upon", "on", "in", "with", "under", "super"}


def _initials(words: list[str]) -> str:
    return "".join(w[0].upper() for w in words if w.lower() not in _SMALL_WORDS and w[0].isalnum())


def council_initials(display: str) -> str | None:
    """The initials a council goes by, from one of its names: "Kent County Council" -> "KCC",
    "City of Bradford Metropolitan District Council" -> "CBMDC", "London Borough of Hammersmith
    & Fulham" -> "LBHF", "City of York Council" -> "CYC". None for a name of another shape, or
    one whose initials would be a single letter and its ending."""
    words = display.replace("&", " ").replace("-", " ").replace(",", " ").split()
    lowered = " ".join(w.lower() for w in words)
    for prefix, letters in (("london borough of ", "LB"), ("royal borough of ", "RB")):
        if lowered.startswith(prefix):
            stem = _initials(words[len(prefix.split()):])
            return letters + stem if stem else None
    if lowered.startswith("city of ") and lowered.endswith(" council") and len(words) > 3:
        stem = _initials(words[2:-1])
        if stem and not any(lowered.endswith(" " + ending) for ending, _ in _TYPE_ENDINGS):
            return "C" + stem + "C"
    for ending, letters in _TYPE_ENDINGS:
        if lowered.endswith(" " + ending):
            stem = _initials(words[: -len(ending.split())])
            return stem + letters if stem else None
    return None


def police_variants(name: str) -> list[str]:
    if name.endswith(" Police Service"):
        return [name[: -len(" Service")]]
    for suffix in (" Constabulary", " Police"):
        if name.endswith(suffix):
            place = name[: -len(suffix)]
            return [f"{place} Police", f"{place} Constabulary", f"{place} Police Force"]
    return []


def read_csv(path: Path, **kw) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, **kw))


def build(data: Path) -> tuple[dict, dict[str, int]]:
    b = Builder()
    stats: dict[str, int] = {}

    # Councils ------------------------------------------------------------------------------
    ms = data / "mysociety-uk-local-authorities"
    councils = [r for r in read_csv(ms / "uk_local_authorities.csv") if r["current-authority"] == "True"]
    variants: dict[str, list[str]] = defaultdict(list)
    for row in read_csv(ms / "lookup_name_to_registry.csv"):
        variants[row["local-authority-code"]].append(row["la-name"])
    for r in councils:
        nation = r["nation"]
        if nation not in NATIONS:
            raise SystemExit(f"unexpected nation {nation!r} for {r['official-name']}")
        kind, council_type = LA_TYPES[r["local-authority-type"]]
        name = r["official-name"].strip()
        b.add_body(
            name,
            kind=kind,
            council_type=council_type,
            nation=nation,
            regime="foisa" if nation == "Scotland" else "foia",
            gss=r["gss-code"] or None,
            source="mysociety",
        )
        b.claim(name, r["nice-name"], NICE)
        for v in variants[r["local-authority-code"]]:
            # "X london boro" is an ONS truncation nobody types; skip it.
            if not normalise_name(v).endswith(" london boro"):
                b.claim(name, _tidy(v.strip()), VARIANT)
        for v in council_variants(name, r["nice-name"].strip(), r["local-authority-type"]):
            b.claim(name, v, VARIANT)
    stats["councils"] = len(councils)

    # Police ---------------------------------------------------------------------------------
    forces = read_csv(data / "openregister-police" / "police-force.tsv", delimiter="\t")
    for r in forces:
        name = r["name"].strip()
        northern_ireland = r["police-force"] == "northern-ireland"
        b.add_body(
            name,
            kind="police",
            nation="Northern Ireland" if northern_ireland else _force_nation(r["police-force"]),
            regime="foia",
            source="openregister-police",
        )
        for v in police_variants(name):
            b.claim(name, v, VARIANT)
    stats["police (register)"] = len(forces)

    # Hand-written bodies and aliases ---------------------------------------------------------
    hand = read_csv(HAND / "bodies.csv")
    for r in hand:
        name = r["name"].strip()
        nation = r["nation"].strip() or None
        b.add_body(name, kind=r["kind"].strip(), nation=nation, regime=r["regime"].strip(), source="foitrack")
        for alias in filter(None, (a.strip() for a in r["aliases"].split("|"))):
            b.claim(name, alias, HAND_ALIAS)
        if r["kind"].strip() == "police":
            for v in police_variants(name):
                b.claim(name, v, VARIANT)
    stats["hand bodies"] = len(hand)
    for r in read_csv(HAND / "aliases.csv"):
        if r["name"] not in b.bodies:
            raise SystemExit(f"scripts/directory_sources/aliases.csv: no body named {r['name']!r}")
        b.claim(r["name"], r["alias"].strip(), HAND_ALIAS)

    # okfn/publicbodies: extra aliases for bodies we already have ---------------------------
    okfn_added = 0
    okfn_log: list[str] = []
    for r in read_csv(data / "okfn-publicbodies" / "gb.csv"):
        if "defunct" in r["tags"].split():
            continue
        full = r["name"].strip()
        base, paren = full, ""
        if full.endswith(")") and " (" in full:
            base, paren = full[:-1].rsplit(" (", 1)
        target = b.find(full) or b.find(base)
        if target is None:
            continue
        # A bracketed tail is kept only when it is an abbreviation: "... Service (MPS)".
        # Otherwise the bracket qualifies the name ("Department of Education (Northern Ireland)")
        # and the bare name is not safe to use as an alias.
        abbreviation = paren if paren and " " not in paren else ""
        forms = (full, base, abbreviation) if abbreviation or not paren else (full,)
        for alias in (*forms, r["abbreviation"].strip()):
            if len(normalise_name(alias)) < 2:
                continue
            if normalise_name(alias) not in b.claims:
                okfn_added += 1
                okfn_log.append(f"{alias} -> {target}")
            b.claim(target, alias, VARIANT)
    stats["okfn aliases added"] = okfn_added
    stats["_okfn_log"] = okfn_log  # type: ignore[assignment]

    # Council initials, from every name a council now answers to -------------------------------
    generated = 0
    forms: dict[str, set[str]] = defaultdict(set)
    for key, owners in b.claims.items():
        for owner, (strength, display) in owners.items():
            if b.bodies[owner]["kind"] == "council" and strength > INITIALS:
                forms[owner].add(display)
    for owner in sorted(forms):
        for display in sorted(forms[owner]):
            initials = council_initials(display)
            if initials and len(initials) >= 3:
                generated += normalise_name(initials) not in b.claims
                b.claim(owner, initials, INITIALS)
    stats["council initials generated"] = generated

    authorities, ambiguous, dropped = b.finish()
    unknown = sorted(set(SHORT_NAMES) - {a["name"] for a in authorities})
    if unknown:
        raise SystemExit(f"SHORT_NAMES names no body in the directory: {', '.join(unknown)}")
    stats["authorities"] = len(authorities)
    stats["police"] = sum(1 for a in authorities if a["kind"] == "police")
    stats["aliases"] = sum(len(a["aliases"]) for a in authorities)
    stats["ambiguous aliases dropped"] = dropped
    doc = {
        "about": "Directory of UK public authorities for foitrack; built by scripts/build_directory.py.",
        "attribution": ATTRIBUTION,
        "authorities": authorities,
        "ambiguous": ambiguous,
    }
    return doc, stats


def _force_nation(slug: str) -> str:
    return "Wales" if slug in {"dyfed-powys", "gwent", "north-wales", "south-wales"} else "England"


def render(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA, help="the open data folder (default: scripts/directory_data)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output JSON path")
    parser.add_argument("--quiet", action="store_true", help="do not print counts")
    args = parser.parse_args(argv)
    if not (args.data / "mysociety-uk-local-authorities" / "uk_local_authorities.csv").is_file():
        parser.error(f"{args.data} does not hold the open data (no mysociety-uk-local-authorities/uk_local_authorities.csv)")
    doc, stats = build(args.data)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(doc), encoding="utf-8")
    if not args.quiet:
        for k, v in stats.items():
            if k == "_okfn_log":
                for line in v:  # type: ignore[union-attr]
                    print(f"  okfn: {line}")
            else:
                print(f"{k}: {v}")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
