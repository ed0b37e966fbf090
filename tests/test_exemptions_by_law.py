"""Exemptions are keyed by their law: a FOISA section never shares a key with a FOIA one.

Police Scotland's FOISA s35(1)(a) (law enforcement) is not the Home Office's FOIA s35(1)(a)
(formulation of government policy). FOIA's sections and the EIR's regulations are written bare
(s35, reg12(5)(e)); FOISA's, the EISR's and a subject access request's (the Data Protection Act
2018's) carry their law's name: FOISA s35, EISR reg10(5)(b), DPA s45. Every response below came
within its deadline; the figures are as at 1 March 2024.
"""

from __future__ import annotations

import csv
import io

import pytest

AS_OF = "2024-03-01"


def refused(authority: str, regime: str, *exemptions: str) -> str:
    cited = ", ".join(f'"{x}"' for x in exemptions)
    return f"""
authority = "{authority}"
subject = "Stop and search"
sent = 2023-10-02
regime = "{regime}"

[[events]]
type = "responded"
date = 2023-10-20
outcome = "refused"
exemptions = [{cited}]
"""


REQUESTS = {
    "pscot": refused("Police Scotland", "foisa", "s35(1)(a)"),
    "home": refused("Home Office", "foia", "s35(1)(a)", "s.43(2)"),
    "sepa": refused("Scottish Environment Protection Agency", "eisr", "10(5)(b)"),
    "ea": refused("Environment Agency", "eir", "12(5)(e)"),
    "sar": refused("Metropolitan Police Service", "sar", "s45(4)"),
}


@pytest.fixture
def laws(tracker):
    for name, text in REQUESTS.items():
        tracker.write(name, text)
    return tracker


def by_authority(rows) -> dict:
    return {row["authority"]: row for row in rows}


def test_report_json_keys_each_exemption_by_its_law_and_never_sums_across_laws(laws):
    rows = by_authority(laws.ok("report", "--format", "json", as_of=AS_OF).json())
    assert rows["Police Scotland"]["exemptions"] == {"FOISA s35": 1}
    assert rows["Home Office"]["exemptions"] == {"s35": 1, "s43": 1}
    assert rows["Scottish Environment Protection Agency"]["exemptions"] == {"EISR reg10(5)(b)": 1}
    assert rows["Environment Agency"]["exemptions"] == {"reg12(5)(e)": 1}
    assert rows["Metropolitan Police Service"]["exemptions"] == {"DPA s45": 1}


def test_report_csv_markdown_and_table_keep_the_laws_apart(laws):
    data = laws.ok("report", "--format", "csv", as_of=AS_OF).stdout
    header = data.splitlines()[0].split(",")
    # Headed in readers' words: each section named, and named for its law (FOISA s35 is law
    # enforcement, FOIA s35 government policy).
    assert [c for c in header if c.startswith("Exemption: ")] == [
        "Exemption: s35 Government policy", "Exemption: s43 Commercial interests",
        "Exemption: reg12(5)(e) Commercial confidentiality", "Exemption: FOISA s35 Law enforcement",
        "Exemption: EISR reg10(5)(b) Course of justice", "Exemption: DPA s45",
    ]
    rows = {row["Authority"]: row for row in csv.DictReader(io.StringIO(data))}
    foisa, foia = "Exemption: FOISA s35 Law enforcement", "Exemption: s35 Government policy"
    assert (rows["Police Scotland"][foisa], rows["Police Scotland"][foia]) == ("1", "0")
    assert (rows["Home Office"][foisa], rows["Home Office"][foia]) == ("0", "1")
    named = (
        "s35 Government policy ×1, s43 Commercial interests ×1, reg12(5)(e) Commercial confidentiality ×1, "
        "FOISA s35 Law enforcement ×1, EISR reg10(5)(b) Course of justice ×1, DPA s45 ×1"
    )
    markdown = laws.ok("report", "--format", "markdown", as_of=AS_OF).stdout
    assert f"| **All authorities** | 5 | 5 | 5 | 0 | 0 | 0 | 0 | 100% | 14 | 5 refused | {named} |" in markdown
    assert "| Police Scotland | 1 | 1 | 1 | 0 | 0 | 0 | 0 | 100% | 14 | 1 refused | FOISA s35 Law enforcement ×1 |" in markdown
    # The terminal table keeps the short keys, to fit.
    totals = "s35 ×1, s43 ×1, reg12(5)(e) ×1, FOISA s35 ×1, EISR reg10(5)(b) ×1, DPA s45 ×1"
    table = laws.run("report", as_of=AS_OF, env={"COLUMNS": "250"})
    assert totals in table.stdout and "Police Scotland" in table.stdout


def test_list_show_and_export_name_the_law_of_each_exemption(laws):
    listed = {row["id"]: row for row in laws.ok("list", "--json", as_of=AS_OF).json()}
    assert listed["pscot"]["exemptions"] == ["FOISA s35(1)(a)"]
    assert listed["home"]["exemptions"] == ["s35(1)(a)", "s43(2)"]
    assert listed["sepa"]["exemptions"] == ["EISR reg10(5)(b)"]
    shown = laws.ok("show", "pscot", "--json", as_of=AS_OF).json()
    assert shown["exemptions"] == ["FOISA s35(1)(a)"]
    assert [e["exemptions"] for e in shown["events"]] == [["FOISA s35(1)(a)"]]
    assert "refused · FOISA s35(1)(a)" in laws.ok("show", "pscot", as_of=AS_OF).stdout
    exported = {row["id"]: row for row in csv.DictReader(io.StringIO(laws.ok("export", as_of=AS_OF).stdout))}
    assert exported["pscot"]["exemptions"] == "FOISA s35(1)(a)"
    assert exported["home"]["exemptions"] == "s35(1)(a); s43(2)"
    assert [r["exemptions"] for r in laws.ok("export", "--format", "json", as_of=AS_OF).json() if r["id"] == "sar"] == [
        ["DPA s45(4)"]
    ]


def test_an_export_imports_back_with_each_exemption_under_its_law(laws, tmp_path):
    from tests.conftest import TrackerFolder

    exported = tmp_path / "export.csv"
    laws.ok("export", "--out", str(exported), as_of=AS_OF)
    other = TrackerFolder(tmp_path / "other")
    other.ok("import", str(exported))
    before = by_authority(laws.ok("report", "--format", "json", as_of=AS_OF).json())
    after = by_authority(other.ok("report", "--format", "json", as_of=AS_OF).json())
    assert {a: r["exemptions"] for a, r in after.items()} == {a: r["exemptions"] for a, r in before.items()}


def test_an_exemption_may_name_its_law_and_must_name_the_requests(tracker):
    tracker.write("glasgow", """
        authority = "Glasgow City Council"
        subject = "CCTV"
        sent = 2023-10-02
        regime = "foisa"
    """)
    tracker.write("camden", """
        authority = "London Borough of Camden"
        subject = "CCTV"
        sent = 2023-10-02
    """)
    tracker.ok("respond", "glasgow", "--outcome", "refused", "-x", "FOISA s.35(1)(a)", "--on", "2023-10-20")
    import tomllib

    stored = tomllib.loads((tracker.requests / "glasgow.toml").read_text())["events"][-1]["exemptions"]
    assert stored == ["s35(1)(a)"]  # the file keeps the reference; the law is the request's
    before = (tracker.requests / "camden.toml").read_bytes()
    result = tracker.run("respond", "camden", "--outcome", "refused", "-x", "FOISA s35", "--on", "2023-10-20")
    assert result.exit_code == 2
    assert result.stderr.startswith("foitrack: error: --exemption: 'FOISA s35' names FOISA, but this request is under FOIA")
    assert (tracker.requests / "camden.toml").read_bytes() == before
