"""What readers see is in their words: exemptions named with their law, outcomes as an article
writes them, and Markdown that a CommonMark/GFM renderer turns into the table it claims to be."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from foitrack.law.exemptions import EIR, EISR, FOIA, FOISA, cited_name, exemption_name, exemption_title
from tests.conftest import TrackerFolder

SEEDS = Path(__file__).resolve().parents[1] / "seeds" / "fusus"


# -- the law's names ------------------------------------------------------------------------------


def test_every_exemption_of_the_four_laws_has_a_name():
    # FOIA Part II: ss.21-44 (s.25 is about certificates, not an exemption), and s.22A; with the
    # Part I refusals s.12 and s.14.
    assert set(FOIA) == {f"s{n}" for n in (12, 14, *range(21, 45)) if n != 25} | {"s22a"}
    # FOISA Part 2: ss.25-41; and Part 1's s.12 and s.14.
    assert set(FOISA) == {f"s{n}" for n in (12, 14, *range(25, 42))}
    paragraphs = [f"(4)({p})" for p in "abcde"] + [f"(5)({p})" for p in "abcdefg"]
    assert set(EIR) == {f"reg12{p}" for p in paragraphs} | {"reg12(3)", "reg13"}
    assert set(EISR) == {f"reg10{p}" for p in paragraphs} | {"reg10(3)", "reg11"}


@pytest.mark.parametrize(
    "key, name",
    [
        ("s43", "s43 Commercial interests"),
        ("s35", "s35 Government policy"),  # FOIA's s35 ...
        ("FOISA s35", "FOISA s35 Law enforcement"),  # ... is not FOISA's
        ("FOISA s33", "FOISA s33 Commercial interests and the economy"),
        ("s12", "s12 Cost limit"),
        ("reg12(5)(e)", "reg12(5)(e) Commercial confidentiality"),
        ("reg12(4)(b)", "reg12(4)(b) Manifestly unreasonable"),
        ("EISR reg10(5)(b)", "EISR reg10(5)(b) Course of justice"),
        ("EISR reg11", "EISR reg11 Personal data"),
        ("reg12(5)(e)(i)", "reg12(5)(e)(i) Commercial confidentiality"),  # finer than the table
        ("DPA s45", "DPA s45"),  # not in the table: the key alone
        ("s99", "s99"),
    ],
)
def test_exemption_names(key, name):
    assert exemption_name(key) == name


def test_headings_are_the_statutes_and_citations_keep_their_subsection():
    assert exemption_title("s23").heading == "Information supplied by, or relating to, bodies dealing with security matters"
    assert exemption_title("FOISA s34").short == "Investigations"
    assert cited_name("s35(1)(a)", "foisa") == "FOISA s35(1)(a) Law enforcement"
    assert cited_name("s35(1)(a)", "foia") == "s35(1)(a) Government policy"
    assert cited_name("reg10(4)(a)", "eisr") == "EISR reg10(4)(a) Not held"


# -- Markdown, rendered ---------------------------------------------------------------------------


class Tables(HTMLParser):
    """The cells of every table in a page of HTML, row by row."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def rendered_tables(markdown: str) -> list[list[list[str]]]:
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable("table").render(markdown)
    parser = Tables()
    parser.feed(html)
    return parser.tables


@pytest.fixture
def seeds(tmp_path) -> TrackerFolder:
    shutil.copytree(SEEDS, tmp_path / "fusus")
    return TrackerFolder(tmp_path / "fusus")


def test_the_markdown_report_renders_as_a_table_with_a_row_per_authority(seeds):
    markdown = seeds.ok("report", "--format", "markdown", as_of="2023-09-25").stdout
    [table] = rendered_tables(markdown)
    header, *rows = table
    assert header[:3] == ["Authority", "Requests", "Answered"] and len(header) == 14
    # Authorities in the order a reader looks for them: by the names they go by (Hackney, Merton,
    # Met Police), not under "London Borough of".
    assert [row[0] for row in rows] == [
        "City of London Police", "London Borough of Hackney", "Royal Borough of Kensington and Chelsea",
        "Merseyside Police", "London Borough of Merton", "Metropolitan Police Service",
        "London Borough of Tower Hamlets", "All authorities",
    ]
    assert all(len(row) == 14 for row in rows)
    met = rows[5]
    assert met[10] == "1 refused"
    assert met[11] == "s24 National security ×1, s31 Law enforcement ×1, s40 Personal information ×1"
    assert rows[-1][10] == "1 granted, 3 partly granted, 2 refused"
    # No internal label reaches a reader.
    assert not re.search(r"\bpartial\b|not-held|neither-confirm", markdown)


def test_the_batch_view_renders_in_readers_words(tracker):
    tracker.write(
        "a",
        """
        authority = "London Borough of Hackney"
        subject = "Parking"
        sent = 2023-06-01
        batch = "parking"

        [[events]]
        type = "responded"
        date = 2023-06-20
        outcome = "neither-confirm-nor-deny"
        """,
    )
    tracker.write(
        "b",
        """
        authority = "London Borough of Camden"
        subject = "Parking"
        sent = 2023-06-01
        batch = "parking"
        """,
    )
    markdown = tracker.ok("report", "--format", "markdown", "--batch", "parking", as_of="2023-09-29").stdout
    batch, figures = rendered_tables(markdown)
    assert batch[1] == ["London Borough of Camden", "Very overdue", "", "", "", ""]
    assert batch[2] == ["London Borough of Hackney", "Answered", "20 June 2023", "Yes", "Neither confirm nor deny", "13"]
    assert figures[-1][10] == "1 neither confirm nor deny"
