"""The pure pieces: reading dates, normalising exemptions, validating events."""

import datetime as dt

import pytest

from foitrack.dates import DateParseError, parse_date
from foitrack.store.model import Event, ExemptionError, Request, exemption_section, normalise_exemption

TODAY = dt.date(2026, 11, 28)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2023-09-25", dt.date(2023, 9, 25)),
        ("25/09/2023", dt.date(2023, 9, 25)),
        ("05/09/2023", dt.date(2023, 9, 5)),  # day-first: 5 September, not 9 May
        ("5/9/23", dt.date(2023, 9, 5)),
        ("25.09.2023", dt.date(2023, 9, 25)),
        ("25 Sep 2023", dt.date(2023, 9, 25)),
        ("25 September 2023", dt.date(2023, 9, 25)),
        ("Sep 25 2023", dt.date(2023, 9, 25)),
        ("today", TODAY),
        ("Yesterday", dt.date(2026, 11, 27)),
        (" 2024-02-29 ", dt.date(2024, 2, 29)),
    ],
)
def test_parse_date_reads_what_uk_users_type(text, expected):
    assert parse_date(text, today=TODAY) == expected


@pytest.mark.parametrize(
    "text", ["31/02/2023", "2023-02-30", "13/13/2023", "soon", "", "25 Sep 2023 14:00", "2023-13-01", "32 Jan 2023"]
)
def test_parse_date_rejects_non_dates_naming_the_value(text):
    with pytest.raises(DateParseError) as error:
        parse_date(text, today=TODAY)
    assert repr(text.strip()) in str(error.value) or text == ""


@pytest.mark.parametrize(
    "text, regime, expected",
    [
        ("43", None, "s43"),
        ("s43", None, "s43"),
        ("s.43(2)", None, "s43(2)"),
        ("section 43(2)", None, "s43(2)"),
        ("Section 40 (2)", None, "s40(2)"),
        ("S31(1)(a)", None, "s31(1)(a)"),
        ("reg12(5)(e)", None, "reg12(5)(e)"),
        ("regulation 12(4)(b)", None, "reg12(4)(b)"),
        ("Reg. 13", None, "reg13"),
        ("12(5)(e)", "eir", "reg12(5)(e)"),
        ("12(5)(e)", "foia", "s12(5)(e)"),
    ],
)
def test_exemptions_are_normalised(text, regime, expected):
    assert normalise_exemption(text, regime) == expected


@pytest.mark.parametrize("text", ["", "commercial", "s", "section", "s400", "43x(2"])
def test_malformed_exemptions_are_rejected(text):
    with pytest.raises(ExemptionError):
        normalise_exemption(text)


def test_subsections_count_as_one_section_but_eir_paragraphs_stay_distinct():
    assert exemption_section("s43(2)") == exemption_section("s43") == "s43"
    assert exemption_section("reg12(5)(e)") == "reg12(5)(e)"


def test_event_checks_outcome_against_its_type():
    Event(type="responded", date=dt.date(2023, 1, 1), outcome="refused", exemptions=["43"])
    with pytest.raises(ValueError, match="outcome"):
        Event(type="responded", date=dt.date(2023, 1, 1))
    with pytest.raises(ValueError, match="not one of"):
        Event(type="responded", date=dt.date(2023, 1, 1), outcome="maybe")
    with pytest.raises(ValueError, match="review-responded"):
        Event(type="review-responded", date=dt.date(2023, 1, 1), outcome="maybe")
    # 'refused' fits a review of a failure to respond (answered at review), not one of a response.
    events = [
        Event(type="responded", date=dt.date(2023, 1, 2), outcome="refused"),
        Event(type="review-requested", date=dt.date(2023, 1, 3)),
        Event(type="review-responded", date=dt.date(2023, 1, 4), outcome="refused"),
    ]
    with pytest.raises(ValueError, match="review-responded|upheld, overturned, partly-overturned"):
        Request(authority="A", subject="S", sent=dt.date(2023, 1, 1), events=events)
    with pytest.raises(ValueError, match="until"):
        Event(type="extended", date=dt.date(2023, 1, 1))
    with pytest.raises(ValueError, match="no outcome"):
        Event(type="chased", date=dt.date(2023, 1, 1), outcome="granted")


@pytest.mark.parametrize(
    "text, regime, stored, label, key",
    [
        ("s35(1)(a)", "foia", "s35(1)(a)", "s35(1)(a)", "s35"),
        ("s35(1)(a)", "foisa", "s35(1)(a)", "FOISA s35(1)(a)", "FOISA s35"),
        ("FOISA s.35(1)(a)", "foisa", "s35(1)(a)", "FOISA s35(1)(a)", "FOISA s35"),
        ("10(5)(b)", "eisr", "reg10(5)(b)", "EISR reg10(5)(b)", "EISR reg10(5)(b)"),
        ("EISR 10(5)(b)", "foisa", "reg10(5)(b)", "EISR reg10(5)(b)", "EISR reg10(5)(b)"),
        ("EIR 12(5)(e)", "foia", "reg12(5)(e)", "reg12(5)(e)", "reg12(5)(e)"),
        ("FOIA s43(2)", "eir", "s43(2)", "s43(2)", "s43"),
        ("DPA 2018 s45(4)", "sar", "s45(4)", "DPA s45(4)", "DPA s45"),
    ],
)
def test_exemptions_name_their_law_in_labels_and_keys(text, regime, stored, label, key):
    from foitrack.store.model import exemption_key, exemption_label

    assert normalise_exemption(text, regime) == stored
    assert exemption_label(stored, regime) == label
    assert exemption_key(stored, regime) == key
    # What foitrack shows reads back as the same exemption.
    assert normalise_exemption(label, regime) == stored


@pytest.mark.parametrize(
    "text, regime, message",
    [
        ("FOISA s35", "foia", "names FOISA, but this request is under FOIA"),
        ("FOIA s40", "sar", "names FOIA, but this request is under SAR"),
        ("EIR s43", None, "EIR exemptions are regulations"),
        ("FOISA", None, "is not an exemption"),
    ],
)
def test_an_exemption_naming_another_law_than_the_requests_is_refused(text, regime, message):
    with pytest.raises(ExemptionError, match=message):
        normalise_exemption(text, regime)


def test_exemption_keys_sort_by_law_then_number():
    from foitrack.store.model import exemption_sort_key

    keys = ["DPA s45", "FOISA s30", "reg12(5)(e)", "s43", "EISR reg10(5)(b)", "s12", "FOISA s35", "reg12(4)(b)"]
    assert sorted(keys, key=exemption_sort_key) == [
        "s12", "s43", "reg12(4)(b)", "reg12(5)(e)", "FOISA s30", "FOISA s35", "EISR reg10(5)(b)", "DPA s45",
    ]
