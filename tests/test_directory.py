"""The authority directory: shipped data, alias resolution, fuzzy suggestions, tracker overrides."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from foitrack.directory import Authority, Directory, Resolution, looks_like_abbreviation, normalise_name
from foitrack.errors import FoitrackError

REPO = Path(__file__).resolve().parent.parent
OPEN_DATA = REPO / "scripts" / "directory_data"
SHIPPED = REPO / "foitrack" / "data" / "authorities.json"


@pytest.fixture(scope="module")
def directory() -> Directory:
    return Directory.load()


def exact(directory: Directory, name: str) -> Authority:
    res = directory.resolve(name)
    assert res.status == "exact", (name, res)
    assert res.authority is not None
    return res.authority


# -- normalisation -------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["The Met", "the met", "the-met.", "  THE   MET ", "Met"])
def test_normalise_ignores_case_punctuation_and_leading_the(text):
    assert normalise_name(text) == "met"


def test_normalise_ampersand_apostrophes_and_accents():
    assert normalise_name("Devon & Cornwall Police") == normalise_name("Devon and Cornwall Police")
    assert normalise_name("Mayor’s Office") == normalise_name("Mayors Office") == "mayors office"
    assert normalise_name("Ynys Môn") == "ynys mon"
    assert normalise_name("The") == "the"  # a bare "the" is not emptied
    assert normalise_name("...") == ""


# -- exact resolution ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, name",
    [
        ("the Met", "Metropolitan Police Service"),
        ("Met Police", "Metropolitan Police Service"),
        ("MPS", "Metropolitan Police Service"),
        ("Metropolitan Police Service", "Metropolitan Police Service"),
        ("metropolitan police", "Metropolitan Police Service"),
        ("Tower Hamlets", "London Borough of Tower Hamlets"),
        ("LBTH", "London Borough of Tower Hamlets"),
        ("Tower Hamlets Council", "London Borough of Tower Hamlets"),
        ("Hackney Council", "London Borough of Hackney"),
        ("hackney", "London Borough of Hackney"),
        ("RBKC", "Royal Borough of Kensington and Chelsea"),
        ("Kensington and Chelsea", "Royal Borough of Kensington and Chelsea"),
        ("Kensington & Chelsea Council", "Royal Borough of Kensington and Chelsea"),
        ("City of London Police", "City of London Police"),
        ("CoLP", "City of London Police"),
        ("Merseyside Police", "Merseyside Police"),
        ("Merseyside Constabulary", "Merseyside Police"),
        ("Merton", "London Borough of Merton"),
        ("Merton Council", "London Borough of Merton"),
        ("PSNI", "Police Service of Northern Ireland"),
        ("BTP", "British Transport Police"),
        ("MoD Police", "Ministry of Defence Police"),
        ("MDP", "Ministry of Defence Police"),
        ("CNC", "Civil Nuclear Constabulary"),
        ("ICO", "Information Commissioner's Office"),
        ("TfL", "Transport for London"),
        ("GLA", "Greater London Authority"),
        ("MOPAC", "Mayor's Office for Policing and Crime"),
        ("HMRC", "HM Revenue and Customs"),
        ("DfE", "Department for Education"),
        ("MoJ", "Ministry of Justice"),
        ("Devon and Cornwall Police", "Devon & Cornwall Police"),
        ("Westminster City Council", "City of Westminster"),
    ],
)
def test_exact_aliases(directory, query, name):
    assert exact(directory, query).name == name


def test_police_scotland_is_foisa(directory):
    a = exact(directory, "Police Scotland")
    assert (a.regime, a.nation, a.kind) == ("foisa", "Scotland", "police")


@pytest.mark.parametrize("query", ["Glasgow City Council", "Glasgow"])
def test_glasgow_is_scottish(directory, query):
    a = exact(directory, query)
    assert a.name == "Glasgow City Council"
    assert (a.regime, a.nation, a.kind) == ("foisa", "Scotland", "council")


def test_english_council_is_foia(directory):
    a = exact(directory, "Hackney")
    assert (a.regime, a.nation, a.kind, a.council_type) == (
        "foia",
        "England",
        "council",
        "london-borough",
    )
    assert a.gss == "E09000012"


def test_counts(directory):
    kinds = defaultdict(int)
    for a in directory:
        kinds[a.kind] += 1
    # 43 England & Wales forces + PSNI + Police Scotland, BTP, MoD Police, CNC
    assert kinds["police"] == 48
    councils = [a for a in directory if a.source == "mysociety"]
    assert len(councils) == 397


# -- suggestions and unknowns ---------------------------------------------------------------


def test_typo_suggests_hackney_first(directory):
    res = directory.resolve("Hackny")
    assert res.status == "suggest"
    assert res.authority is None
    assert res.suggestions[0] == "London Borough of Hackney"
    assert res.query == "Hackny"


@pytest.mark.parametrize(
    "query, first",
    [
        ("Tower Hamlet", "London Borough of Tower Hamlets"),
        ("Merseyside Polce", "Merseyside Police"),
        ("Merseyside", "Merseyside Police"),
        ("Kensington", "Royal Borough of Kensington and Chelsea"),
        ("Glasgw City Council", "Glasgow City Council"),
        ("Informaton Commissioners Office", "Information Commissioner's Office"),
    ],
)
def test_close_misses_suggest(directory, query, first):
    res = directory.resolve(query)
    assert res.status == "suggest", res
    assert res.suggestions[0] == first
    assert 1 <= len(res.suggestions) <= 5


@pytest.mark.parametrize(
    "query",
    [
        "Friends of the Earth Parish Widget Trust",
        "St Mary's Primary School",
        "Acme Widgets Ltd",
        "",
        "!!!",
    ],
)
def test_unrelated_names_are_unknown(directory, query):
    res = directory.resolve(query)
    assert res == Resolution("unknown", None, query, ())


def test_suggestions_are_canonical_names(directory):
    for query in ["Hackny", "Tower Hamlet", "Kenx", "Brnet"]:
        for name in directory.resolve(query).suggestions:
            assert directory.get(name) is not None


def test_ambiguous_alias_suggests_every_owner():
    a = Authority("Alpha Council", aliases=("Shared",), kind="council")
    b = Authority("Beta Police", aliases=(), kind="police")
    d = Directory([a, b], ambiguous={"shared name": ["Beta Police", "Alpha Council"]})
    res = d.resolve("Shared Name")
    assert res.status == "suggest"
    assert res.suggestions == ("Alpha Council", "Beta Police")
    assert d.resolve("shared").authority == a


# -- search --------------------------------------------------------------------------------


def test_search_ranks_exact_first(directory):
    results = directory.search("hackney")
    assert results[0].name == "London Borough of Hackney"


def test_search_tiers(directory):
    names = [a.name for a in directory.search("tower ham")]
    assert names[0] == "London Borough of Tower Hamlets"
    names = [a.name for a in directory.search("police", limit=100)]
    assert "Police Scotland" in names and "Merseyside Police" in names
    # a name starting with the query ranks above one merely containing it as a word
    assert names.index("Police Scotland") < names.index("Merseyside Police")
    assert directory.search("hackny")[0].name == "London Borough of Hackney"


def test_search_limit_and_empty_query(directory):
    assert len(directory.search("council", limit=5)) == 5
    everything = directory.search("")
    assert len(everything) == len(directory)
    assert [a.name for a in everything] == sorted((a.name for a in everything), key=str.casefold)


def test_get_and_iteration(directory):
    assert directory.get("London Borough of Hackney").name == "London Borough of Hackney"
    assert directory.get("Hackney") is None  # aliases are for resolve()
    assert directory.get("Nonexistent Body") is None
    assert len(list(directory)) == len(directory) > 500


def test_to_json_shape(directory):
    data = exact(directory, "Hackney").to_json()
    assert {"name", "aliases", "kind", "nation", "regime"} <= set(data)
    assert isinstance(data["aliases"], list)
    assert "email" not in data and "days" not in data
    json.dumps(data)


# -- tracker overrides ---------------------------------------------------------------------


def test_tracker_defined_authority():
    d = Directory.load({"St Mary's Primary School": {"days": 60, "email": "office@stmarys.example"}})
    a = exact(d, "st marys primary school")
    assert a.name == "St Mary's Primary School"
    assert (a.days, a.email, a.source, a.kind, a.nation, a.regime) == (
        60,
        "office@stmarys.example",
        "tracker",
        "other",
        None,
        "foia",
    )
    assert a.to_json()["days"] == 60
    assert d.get("St Mary's Primary School") == a
    assert len(d) == len(Directory.load()) + 1


def test_tracker_scottish_authority_defaults_to_foisa():
    d = Directory.load({"Kirkwall Harbour Trust": {"nation": "Scotland"}})
    assert exact(d, "Kirkwall Harbour Trust").regime == "foisa"


def test_tracker_override_of_directory_body():
    d = Directory.load(
        {"London Borough of Hackney": {"email": "foi@hackney.gov.uk", "aliases": ["LBH"]}}
    )
    a = exact(d, "LBH")
    assert a.name == "London Borough of Hackney"
    assert a.email == "foi@hackney.gov.uk"
    assert a.source == "mysociety" and a.kind == "council"
    assert "LBH" in a.aliases and "Hackney Council" in a.aliases
    assert exact(d, "Hackney").email == "foi@hackney.gov.uk"
    assert len(d) == len(Directory.load())


def test_tracker_override_by_alias_and_regime():
    d = Directory.load({"the Met": {"regime": "EIR", "days": 40}})
    a = exact(d, "Metropolitan Police Service")
    assert (a.regime, a.days) == ("eir", 40)


def test_overrides_do_not_leak_into_other_loads():
    Directory.load({"London Borough of Hackney": {"email": "x@example.org", "aliases": ["LBH"]}})
    fresh = Directory.load()
    assert exact(fresh, "Hackney").email is None
    assert fresh.resolve("LBH").status != "exact"


def test_tracker_entry_matching_by_alias_overrides_that_body():
    # Per the settings contract, a table whose name is unknown but whose alias names a body
    # overrides that body; its own name becomes one more alias.
    d = Directory.load({"Hackney FOI Team": {"aliases": ["Hackney Council"], "days": 25}})
    a = exact(d, "Hackney FOI Team")
    assert a.name == "London Borough of Hackney" and a.days == 25


def test_tracker_alias_takes_over_another_bodys_alias():
    d = Directory.load({"London Borough of Merton": {"aliases": ["Hackney Council"]}})
    assert exact(d, "Hackney Council").name == "London Borough of Merton"
    assert "Hackney Council" not in exact(d, "Hackney").aliases


def test_tracker_alias_cannot_take_a_canonical_name():
    d = Directory.load({"London Borough of Merton": {"aliases": ["London Borough of Hackney"]}})
    assert exact(d, "London Borough of Hackney").name == "London Borough of Hackney"
    assert d.warnings and "London Borough of Hackney" in d.warnings[0]


@pytest.mark.parametrize(
    "table, message",
    [
        ({"days": "sixty"}, "days"),
        ({"days": 0}, "days"),
        ({"days": True}, "days"),
        ({"regime": "gdpr"}, "regime"),
        ({"email": 5}, "email"),
        ({"aliases": [1]}, "aliases"),
    ],
)
def test_bad_tracker_tables_are_user_errors(table, message):
    with pytest.raises(FoitrackError, match=message):
        Directory.load({"Somebody": table})


# -- shipped data --------------------------------------------------------------------------


def test_no_alias_maps_to_two_bodies():
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in data["authorities"]:
        for text in [entry["name"], *entry["aliases"]]:
            owners[normalise_name(text)].add(entry["name"])
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert clashes == {}
    for key in data["ambiguous"]:
        assert key not in owners


def test_shipped_entries_are_well_formed():
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    names = [e["name"] for e in data["authorities"]]
    assert names == sorted(names, key=lambda n: (n.casefold(), n))
    assert len(set(names)) == len(names)
    for e in data["authorities"]:
        assert e["regime"] in {"foia", "foisa"}
        assert e["nation"] in {"England", "Scotland", "Wales", "Northern Ireland", "UK"}
        assert (e["regime"] == "foisa") == (e["nation"] == "Scotland"), e["name"]
        assert e["aliases"] == sorted(e["aliases"], key=lambda a: (a.casefold(), a))
        assert e["kind"] and e["source"]


def test_import_does_not_read_the_data():
    code = (
        "import sys\n"
        "import foitrack.directory\n"
        "assert foitrack.directory._shipped.cache_info().currsize == 0\n"
        "assert 'pydantic' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_shipped_json_matches_build(tmp_path):
    out = tmp_path / "authorities.json"
    subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_directory.py"), str(OPEN_DATA),
         "--out", str(out), "--quiet"],
        check=True,
    )
    assert out.read_bytes() == SHIPPED.read_bytes(), (
        "foitrack/data/authorities.json is stale: run scripts/build_directory.py"
    )


# -- abbreviations and council shapes (issue 12) ------------------------------------------------

# The abbreviations people use for every police force in the UK that answers FOI requests, and
# the body each one means. Each was a phantom authority under FOIA before the directory knew it.
FORCE_ABBREVIATIONS = [
    ("PSoS", "Police Scotland"),
    ("Police Service of Scotland", "Police Scotland"),
    ("GMP", "Greater Manchester Police"),
    ("WMP", "West Midlands Police"),
    ("WYP", "West Yorkshire Police"),
    ("SYP", "South Yorkshire Police"),
    ("NYP", "North Yorkshire Police"),
    ("TVP", "Thames Valley Police"),
    ("MPS", "Metropolitan Police Service"),
    ("BTP", "British Transport Police"),
    ("B.T.P.", "British Transport Police"),
    ("PSNI", "Police Service of Northern Ireland"),
    ("SWP", "South Wales Police"),
    ("NWP", "North Wales Police"),
    ("MDP", "Ministry of Defence Police"),
    ("CNC", "Civil Nuclear Constabulary"),
    ("CoLP", "City of London Police"),
    ("A&S Police", "Avon and Somerset Constabulary"),
    ("D&C Police", "Devon & Cornwall Police"),
    ("Hants Police", "Hampshire Constabulary"),
    ("Hampshire and Isle of Wight Constabulary", "Hampshire Constabulary"),
    ("Herts Police", "Hertfordshire Constabulary"),
    ("Lancs Police", "Lancashire Constabulary"),
    ("Notts Police", "Nottinghamshire Police"),
    ("Heddlu Dyfed-Powys", "Dyfed-Powys Police"),
]

COUNCIL_ABBREVIATIONS = [
    ("H&F", "London Borough of Hammersmith & Fulham"),
    ("LBHF", "London Borough of Hammersmith & Fulham"),
    ("RBKC", "Royal Borough of Kensington and Chelsea"),
    ("K&C", "Royal Borough of Kensington and Chelsea"),
    ("LBI", "London Borough of Islington"),
    ("KCC", "Kent County Council"),
    ("WSCC", "West Sussex County Council"),
    ("BHCC", "Brighton and Hove City Council"),
    ("CBMDC", "City of Bradford Metropolitan District Council"),
    ("CYC", "City of York Council"),
    ("B&NES", "Bath and North East Somerset Council"),
    ("BCP", "Bournemouth, Christchurch and Poole Council"),
    ("RCT", "Rhondda Cynon Taf County Borough Council"),
    ("CnES", "Comhairle nan Eilean Siar"),
    ("ERYC", "East Riding of Yorkshire Council"),
]

COUNCIL_SHAPES = [
    ("Leeds CC", "Leeds City Council"),
    ("Leeds C.C.", "Leeds City Council"),
    ("Kent CC", "Kent County Council"),
    ("Wiltshire CC", "Wiltshire Council"),  # its name until 2009
    ("Wigan MBC", "Wigan Metropolitan Borough Council"),
    ("Bradford MDC", "City of Bradford Metropolitan District Council"),
    ("Caerphilly CBC", "Caerphilly County Borough Council"),
    ("Dover DC", "Dover District Council"),
    ("Swindon BC", "Swindon Borough Council"),
    ("Westminster CC", "City of Westminster"),
    ("Barnet Council", "London Borough of Barnet"),
    ("Leeds City Council", "Leeds City Council"),
    ("LB Camden", "London Borough of Camden"),
    ("RB of Greenwich", "Royal Borough of Greenwich"),
    ("RCT Council", "Rhondda Cynon Taf County Borough Council"),
]


@pytest.mark.parametrize("query, name", FORCE_ABBREVIATIONS + COUNCIL_ABBREVIATIONS + COUNCIL_SHAPES)
def test_abbreviations_and_council_shapes_resolve(directory, query, name):
    assert exact(directory, query).name == name


def test_every_police_force_keeps_its_own_law(directory):
    assert exact(directory, "PSoS").regime == "foisa"
    forces = [a for a in directory if a.kind == "police"]
    assert len(forces) == 48
    for force in forces:
        assert force.regime == ("foisa" if force.nation == "Scotland" else "foia"), force.name


@pytest.mark.parametrize(
    "query, some_of_them",
    [
        ("WCC", {"City of Westminster", "Warwickshire County Council", "Wiltshire Council",
                 "Worcestershire County Council", "Winchester City Council"}),
        ("LCC", {"Leeds City Council", "Lancashire County Council", "Liverpool City Council"}),
        ("SCC", {"Surrey County Council", "Suffolk County Council", "Sheffield City Council"}),
        ("NLC", {"North Lincolnshire Council", "North Lanarkshire Council"}),
        ("CEC", {"City of Edinburgh Council", "Cheshire East Council"}),
        ("ABC", {"Argyll and Bute Council", "Armagh City, Banbridge and Craigavon Borough Council"}),
        ("LBH", {"London Borough of Hackney", "London Borough of Haringey", "London Borough of Hounslow"}),
        ("Cumbria CC", {"Cumberland Council", "Westmorland and Furness Council"}),
    ],
)
def test_an_ambiguous_abbreviation_offers_every_body_never_one(directory, query, some_of_them):
    res = directory.resolve(query)
    assert res.status == "suggest" and res.authority is None, res
    assert res.ambiguous and len(res.suggestions) >= 2
    assert some_of_them <= set(res.suggestions)
    assert len(res.suggestions) <= 10


@pytest.mark.parametrize(
    "query, offered",
    [
        ("Kent DC", "Kent County Council"),  # Kent's council is a County Council
        ("Barnet CC", "London Borough of Barnet"),
        ("Surrey BC", "Surrey County Council"),
    ],
)
def test_a_council_shape_that_contradicts_the_council_is_only_offered(directory, query, offered):
    res = directory.resolve(query)
    assert (res.status, res.suggestions, res.ambiguous) == ("suggest", (offered,), False)


def test_search_reads_abbreviations_and_council_shapes(directory):
    assert directory.search("PSoS")[0].name == "Police Scotland"
    assert directory.search("Leeds CC")[0].name == "Leeds City Council"
    assert directory.search("H&F")[0].name == "London Borough of Hammersmith & Fulham"
    wcc = [a.name for a in directory.search("WCC")]
    assert {"City of Westminster", "Warwickshire County Council", "Wiltshire Council"} <= set(wcc[:8])


@pytest.mark.parametrize(
    "text",
    ["GMP", "PSoS", "wcc", "XYZQ", "RBKC", "WY Police", "H&F", "B.T.P.", "Foo CC", "leeds cc",
     "Wigan mbc", "LB Foo", "A & S Constabulary"],
)
def test_looks_like_an_abbreviation(text):
    assert looks_like_abbreviation(text)


@pytest.mark.parametrize(
    "text",
    ["Friends of Nowhere Parish Widget Trust", "Barts Health NHS Trust", "NHS Fife",
     "St. Helens Youth Trust", "Tonbridge & Malling Leisure Trust", "UK Research and Innovation",
     "St Mary's Primary School", "Acme Widgets Ltd"],
)
def test_a_clearly_new_name_does_not_look_like_an_abbreviation(text):
    assert not looks_like_abbreviation(text)


def _build_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_directory", REPO / "scripts" / "build_directory.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "name, initials",
    [
        ("Kent County Council", "KCC"),
        ("Leeds City Council", "LCC"),
        ("Wigan Metropolitan Borough Council", "WMBC"),
        ("City of Bradford Metropolitan District Council", "CBMDC"),
        ("Caerphilly County Borough Council", "CCBC"),
        ("London Borough of Hammersmith & Fulham", "LBHF"),
        ("Royal Borough of Kensington and Chelsea", "RBKC"),
        ("City of York Council", "CYC"),
        ("Brighton and Hove City Council", "BHCC"),
        ("Stoke-on-Trent City Council", "STCC"),
        ("Fife Council", None),
        ("City of Westminster", None),
        ("Police Scotland", None),
    ],
)
def test_council_initials_come_from_the_name(name, initials):
    assert _build_module().council_initials(name) == initials
