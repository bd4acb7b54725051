"""The remedy layer from Python: calculate_remedy, Remedy, RemedyBreakdown, RemedyLine, Guidance, UnitConversions.

Expected values come from the seed council reports (shared/seeds/000_7b9ba11ea232ea45.txt, Dorset Council
21 002 722; shared/seeds/002_a95ef8fef4ece753.txt, Dudley MBC 17 016 386), shared/domain/remedies.md (the
Hertfordshire 24 014 185 and Leeds decisions), data/guidance/lgsco-lost-provision.json (the bands),
data/school_calendars/hampshire.json (term dates, with England and Wales bank holidays) and hand calculations
written in the comments. None was taken from running the library.
"""

import copy
import datetime
import fractions
import json
import math
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

import redress
from redress import (
    Guidance,
    Head,
    Money,
    Payment,
    PaymentKind,
    Provision,
    RateUnit,
    Recipient,
    Remedy,
    Rounding,
    SchoolCalendar,
    UnitConversions,
    calculate_remedy,
)

date = datetime.date
Fraction = fractions.Fraction
HAMPSHIRE = SchoolCalendar.named("hampshire")
UNIT_PENCE = {
    Rounding.pence: 1,
    Rounding.pound: 100,
    Rounding.five_pounds: 500,
    Rounding.ten_pounds: 1000,
    Rounding.fifty_pounds: 5000,
    Rounding.hundred_pounds: 10000,
}

# Seed 000, Dorset Council 21 002 722, section 3.1 (report considered by Cabinet 26 July 2022).
# - 3.1.3: "£4,800.00 for the periods February to July and September to October 2020 ... at a rate of £600.00
#   per month", given as ONE month range Feb-Oct 2020 (August is not a school month); "the three month period
#   from November 2020 to January 2021 when some partial provision was made ... £1,500.00 ... £500.00" a month.
# - 3.1.2 and 3.1.4: £250 each for lost opportunity. The seed names no payee for 3.1.2; remedies.md §2 gives
#   lost-opportunity payments to the parent, so both go to the parent.
# - 3.1.5: £750 "to C" for avoidable distress.
# - 3.1.6: £750 "for Ms B ... in the form of lost opportunity, stress and frustration". Kind "distress": two of
#   the three injuries named (stress, frustration) are distress, and the lost-opportunity payments of
#   remedies.md §2 are for a particular missed step (commenting on a draft plan, appealing), which this is not.
# - 3.1.7: £250 time and trouble; 3.1.8: £250 for "the Council's poor communication with Ms B"
#   (complaint_handling: remedies.md §2 "complaint-handling delay / poor communication").
# - Section 6: "the financial remedy ... equates to £8,800".
DORSET = {
    "guidance": "auto",
    "school_calendar": "default",
    "rounding": "pound",
    "lost_provision": [
        {"from": "2020-02", "to": "2020-10", "rate": "600", "per": "month", "provision": "none", "amount": "4800"},
        {"from": "2020-11", "to": "2021-01", "rate": "500", "per": "month", "provision": "partial"},
    ],
    "payments": [
        {"kind": "lost_opportunity", "amount": "250", "to": "parent", "for": "provision May to July 2020 (3.1.2)"},
        {
            "kind": "lost_opportunity",
            "amount": "250",
            "to": "parent",
            "for": "to comment on the draft EHC plan or appeal, February 2021 (3.1.4)",
        },
        {"kind": "distress", "amount": "750", "to": "child", "for": "distress and anxiety (3.1.5)"},
        {"kind": "distress", "amount": "750", "to": "parent", "for": "lost opportunity, stress and frustration"},
        {"kind": "time_and_trouble", "amount": "250", "to": "parent", "for": "having to complain (3.1.7)"},
        {"kind": "complaint_handling", "amount": "250", "to": "parent", "for": "poor communication (3.1.8)"},
    ],
    "stated_total": "8800",
}
DORSET_DECISION = date(2022, 6, 16)  # CASE_FORMAT.md's illustrative final decision for this case

# remedies.md §1: Hertfordshire 24 014 185 (2025): two terms at £1,600 = £3,200, + £200 time and trouble + £300
# distress = £3,700; the council had offered £2,100 (given as the stated total, so the audit flags it).
# remedies.md gives the year only; any 2025 date is after the 2023-01-01 switch to the termly guidance.
HERTFORDSHIRE = {
    "lost_provision": [{"length": {"terms": 2}, "rate": "1600", "per": "term", "provision": "none"}],
    "payments": [
        {"kind": "time_and_trouble", "amount": "200"},
        {"kind": "distress", "amount": "300", "for": "final EHC plan issued over three months late"},
    ],
    "stated_total": "2100",
}
HERTFORDSHIRE_DECISION = date(2025, 6, 2)

# Hampshire autumn term 2023 runs 1 Sep - 15 Dec (half term 23-27 Oct). 24 Nov - 15 Dec 2023: Fri 24 Nov 1 +
# 27 Nov-1 Dec 5 + 4-8 Dec 5 + 11-15 Dec 5 = 16 school days. The autumn term has 71 (Fri 1 Sep + 15 weeks 4 Sep -
# 15 Dec = 75, less the half term's 5). A termly rate over dates counts the term's share of its own school days
# (issue 12 item 9): £1,600 x 16/71 = 2,560,000/71 pence = 36,056.34p = £360.563...
SIXTEEN_DAYS = {"from": "2023-11-24", "to": "2023-12-15", "rate": "1600", "per": "term"}
SIXTEEN_DAYS_EXACT = Fraction(2560000, 71)


def one_period(item, rounding="pound", **extra):
    return {"rounding": rounding, "lost_provision": [item], **extra}


def line0(remedy, **options):
    return calculate_remedy(remedy, **options).lines[0]


# ---------------------------------------------------------------------------------------------------------
# The seeds
# ---------------------------------------------------------------------------------------------------------


def test_dorset_eight_components_add_to_the_stated_8800():
    b = calculate_remedy(DORSET, final_decision=DORSET_DECISION)
    assert [(line.kind, line.amount) for line in b.lines] == [
        ("lost_provision", Money("4800")),
        ("lost_provision", Money("1500")),
        ("lost_opportunity", Money("250")),
        ("lost_opportunity", Money("250")),
        ("distress", Money("750")),
        ("distress", Money("750")),
        ("time_and_trouble", Money("250")),
        ("complaint_handling", Money("250")),
    ]
    assert [line.path for line in b.lines][:3] == [
        "remedy.lost_provision[0]",
        "remedy.lost_provision[1]",
        "remedy.payments[0]",
    ]
    assert b.total == Money("8800")  # seed 000 section 6
    assert b.audit_ok
    assert b.audit == []


def test_dorset_february_to_october_2020_is_eight_school_months_without_august():
    line = line0(DORSET, final_decision=DORSET_DECISION)
    # Feb, Mar, Apr, May, Jun, Jul, (not Aug), Sep, Oct = 8; 8 x £600 = £4,800 (seed 000 3.1.3).
    assert line.count == Fraction(8)
    assert isinstance(line.count, fractions.Fraction)
    assert line.unit == "school months"
    assert line.amount == Money("4800")
    assert line.exact_pence == Fraction(480000)
    assert line.rate == Money("600")
    assert line.per is RateUnit.month
    assert line.provision is Provision.none
    assert line.head is Head.education
    assert line.to is Recipient.child  # lost provision is for the child's benefit (CASE_FORMAT.md)
    assert line.rounding is Rounding.pound
    assert line.period == "February to July and September to October 2020"
    assert "February to July and September to October 2020" in line.explanation
    assert "8 school months with no provision at £600.00 a month" in line.explanation
    assert line.explanation.startswith("£4,800.00 for ")


def test_dorset_partial_provision_and_bands():
    b = calculate_remedy(DORSET, final_decision=DORSET_DECISION)
    partial = b.lines[1]
    # "the three month period from November 2020 to January 2021": 3 x £500 = £1,500.
    assert partial.count == 3
    assert partial.amount == Money("1500")
    assert partial.provision is Provision.partial
    assert "3 school months with partial provision at £500.00 a month" in partial.explanation
    # 2022-06-16 is on or before 2022-12-31: lgsco-monthly, £200 (unconfirmed) to £600 a month.
    assert b.guidance == "lgsco-monthly"
    assert "2022-06-16" in b.guidance_reason
    for line in b.lines[:2]:
        assert line.guidance == "lgsco-monthly"
        assert line.within_band is True
        # No band warning; only the other month convention (school weeks at 39/9 a month), by design.
        assert all("the other convention" in w for w in line.warnings)
        assert "counted in school months: calendar months less August, 11 in a school year" in line.explanation
    assert all("the other convention" in w for w in b.warnings)
    # A payment line has no count, rate, unit or band.
    payment = b.lines[2]
    assert payment.count is None
    assert payment.per is None
    assert payment.rate is None
    assert payment.within_band is None


def test_dorset_totals_by_recipient_and_kind():
    b = calculate_remedy(DORSET, final_decision=DORSET_DECISION)
    # Child: 4,800 + 1,500 + 750 = 7,050. Parent: 250 + 250 + 750 + 250 + 250 = 1,750.
    assert b.by_recipient == {"child": Money("7050"), "parent": Money("1750")}
    assert b.by_kind == {
        "lost_provision": Money("6300"),  # seed 000 3.1.3: "a payment of £6,300.00"
        "lost_opportunity": Money("500"),
        "distress": Money("1500"),
        "time_and_trouble": Money("250"),
        "complaint_handling": Money("250"),
    }


def test_dorset_wrong_stated_line_amount_is_an_audit_finding():
    # Counting August in (9 calendar months) would give £5,400: flagged against the computed £4,800.
    doc = copy.deepcopy(DORSET)
    doc["lost_provision"][0]["amount"] = "5400"
    b = calculate_remedy(doc, final_decision=DORSET_DECISION)
    assert len(b.audit) == 1
    finding = b.audit[0]
    assert finding.path == "remedy.lost_provision[0].amount"
    assert finding.stated == Money("5400")
    assert finding.computed == Money("4800")
    assert not b.audit_ok


# Seed 002, Dudley MBC 17 016 386: "pay Mrs B £1800, to be used for educational purposes, for the loss of
# specialist educational support to C. And £500 for the time and trouble"; "£2,300 has been paid". The £1,800 has
# no rate or period, so it is a payment of kind "other" with its purpose, not lost provision.
DUDLEY = {
    "payments": [
        {
            "kind": "other",
            "amount": "1800",
            "to": "parent",
            "for": "loss of specialist educational support, to be used for educational purposes",
        },
        {"kind": "time_and_trouble", "amount": "500", "to": "parent"},
    ],
    "stated_total": "2300",
}


def test_dudley_lump_sum_plus_time_and_trouble_is_2300():
    b = calculate_remedy(DUDLEY)
    assert [line.amount for line in b.lines] == [Money("1800"), Money("500")]
    assert b.lines[0].kind == "other"
    assert b.lines[0].note.startswith("loss of specialist educational support")
    assert b.total == Money("2300")
    assert b.audit_ok
    assert b.by_recipient == {"parent": Money("2300")}
    assert b.guidance == ""
    assert b.warnings == []


def test_dudley_with_a_final_decision_still_applies_no_guidance():
    # remedy.hpp, RemedyBreakdown::guidance: "" if the remedy has no lost provision and none was pinned. Dudley's
    # remedy is payments only with guidance "auto". (The seed gives no report date; Cabinet met on 11 Sep 2019.)
    b = calculate_remedy(DUDLEY, final_decision=date(2019, 6, 1))
    assert b.total == Money("2300")
    assert b.guidance == "", b.guidance_reason


def test_hertfordshire_two_terms_is_3700_on_the_termly_guidance():
    b = calculate_remedy(HERTFORDSHIRE, final_decision=HERTFORDSHIRE_DECISION)
    line = b.lines[0]
    assert line.amount == Money("3200")
    assert line.count == 2
    assert line.unit == "terms"
    assert line.per is RateUnit.term
    assert b.total == Money("3700")
    assert b.guidance == "lgsco-termly"
    assert line.within_band is True  # £1,600 in £900-£2,400
    # The council's offer of £2,100 against the computed £3,700.
    assert len(b.audit) == 1
    assert b.audit[0].path == "remedy.stated_total"
    assert b.audit[0].stated.to_decimal() == "2100.00"
    assert b.audit[0].computed.to_decimal() == "3700.00"


def test_leeds_four_terms_is_7200():
    # remedies.md §1: Leeds 22 004 115 (24 Apr 2023), four terms without suitable education: £7,200.
    b = calculate_remedy(
        one_period({"length": {"terms": 4}, "rate": "1800", "per": "term", "provision": "unsuitable"}),
        final_decision=date(2023, 4, 24),
    )
    assert b.total == Money("7200")
    assert b.guidance == "lgsco-termly"


# ---------------------------------------------------------------------------------------------------------
# Date ranges on the school calendars
# ---------------------------------------------------------------------------------------------------------


def test_sixteen_hampshire_school_days_at_1600_a_term():
    b = calculate_remedy(one_period(SIXTEEN_DAYS), school_calendar=HAMPSHIRE)
    line = b.lines[0]
    assert line.count == Fraction(16, 71)
    assert line.unit == "terms"
    assert line.exact_pence == SIXTEEN_DAYS_EXACT
    assert line.amount == Money("361")  # £360.56 to the pound
    assert b.school_calendar == "hampshire"
    assert "16 school days" in line.conversion


@pytest.mark.parametrize(
    ("item", "count", "amount"),
    [
        # Part term: Tue 2 Jan - Fri 9 Feb 2024 = 4 + 25 = 29 of the spring term's 58 days: half a term, £800.
        ({"from": "2024-01-02", "to": "2024-02-09", "rate": "1600", "per": "term"}, Fraction(1, 2), "800"),
        # Per week: 16 days = 3.2 weeks x £100 = £320.
        ({"from": "2023-11-24", "to": "2023-12-15", "rate": "100", "per": "week"}, Fraction(16, 5), "320"),
        # Per year, 39 weeks: £3,900 a year = £100 a week -> £320.
        ({"from": "2023-11-24", "to": "2023-12-15", "rate": "3900", "per": "year"}, Fraction(16, 5), "320"),
        # £4,800 a year = £1,600/13 a week, the same as £1,600 a term -> £394.
        ({"from": "2023-11-24", "to": "2023-12-15", "rate": "4800", "per": "year"}, Fraction(16, 5), "394"),
        # Whole spring term 2024, 2 Jan - 28 Mar (half term 12-16 Feb): 4 + 25 + 25 + 4 = 58 of 58 days: 1 term.
        ({"from": "2024-01-02", "to": "2024-03-28", "rate": "1600", "per": "term"}, Fraction(1), "1600"),
        # January to July 2024: spring 58 of 58, summer 66 of 66 (15 Apr - 23 Jul less half term and 6 May): two
        # whole terms, £3,200, as Hertfordshire 24 014 185 (the old 24.8 weeks / 13 gave £3,052).
        ({"from": "2024-01-02", "to": "2024-07-23", "rate": "1600", "per": "term"}, Fraction(2), "3200"),
        # The three whole terms of 2023/24 (71 + 58 + 66 days): £4,800 (the old count gave £4,775).
        ({"from": "2023-09-01", "to": "2024-07-23", "rate": "1600", "per": "term"}, Fraction(3), "4800"),
    ],
)
def test_date_ranges_on_hampshire(item, count, amount):
    line = line0(one_period(item), school_calendar=HAMPSHIRE)
    assert line.count == count
    assert line.amount == Money(amount)


def test_school_calendar_by_name_and_by_override():
    # Fri 1 - Fri 8 Sep 2023 at £100 a week. Hampshire's autumn 2023 starts Fri 1 Sep: 6 days = £120. The default
    # calendar starts autumn on the first weekday on or after 3 Sep (Mon 4 Sep): 5 days = £100.
    item = {"from": "2023-09-01", "to": "2023-09-08", "rate": "100", "per": "week"}
    assert line0(one_period(item)).amount == Money("100")
    named = calculate_remedy(one_period(item, school_calendar="hampshire"))
    assert named.school_calendar == "hampshire"
    assert named.lines[0].amount == Money("120")
    overridden = calculate_remedy(one_period(item, school_calendar="default"), school_calendar=HAMPSHIRE)
    assert overridden.school_calendar == "hampshire"
    assert overridden.lines[0].amount == Money("120")
    with pytest.raises(redress.InvalidInputError) as caught:
        calculate_remedy(one_period(item, school_calendar="narnia"))
    assert caught.value.field == "remedy.school_calendar"


# ---------------------------------------------------------------------------------------------------------
# Open-ended periods
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "as_of", "count", "amount"),
    [
        # Mon 27 Nov - Fri 8 Dec 2023: 5 + 5 = 10 school days = 2 weeks x £100 = £200.
        ("2023-11-27", date(2023, 12, 8), Fraction(2), "200"),
        # Mon 27 - Wed 29 Nov: 3 days = 3/5 week = £60.
        ("2023-11-27", date(2023, 11, 29), Fraction(3, 5), "60"),
        # From "2023-12" to Sun 31 Dec (autumn ends Fri 15 Dec): 1 + 5 + 5 = 11 days = £220.
        ("2023-12", date(2023, 12, 31), Fraction(11, 5), "220"),
    ],
)
def test_open_period_counted_to_the_as_of_date(start, as_of, count, amount):
    item = {"from": start, "open": True, "rate": "100", "per": "week"}
    line = line0(one_period(item), school_calendar=HAMPSHIRE, as_of=as_of)
    assert line.count == count
    assert line.amount == Money(amount)
    assert "open-ended" in line.period


def test_open_period_without_as_of_runs_to_today():
    # as_of defaults to today in every Python API (issue 11, item 10), so an open period closes today.
    item = {"from": "2023-11-27", "open": True, "rate": "100", "per": "week"}
    today = calculate_remedy(one_period(item), as_of=datetime.date.today())
    assert calculate_remedy(one_period(item)).total == today.total
    assert today.total > Money("0")


def test_open_period_read_back():
    remedy = Remedy.from_json(one_period({"from": "2023-11-27", "open": True, "rate": "100", "per": "week"}))
    period = remedy.lost_provision[0]
    assert period.form == "dates"
    assert period.open is True
    assert period.start == date(2023, 11, 27)
    assert period.end is None
    months = Remedy.from_json(DORSET).lost_provision[0]
    assert months.form == "months"
    assert (months.start, months.end) == ("2020-02", "2020-10")
    assert months.stated_amount == Money("4800")


# ---------------------------------------------------------------------------------------------------------
# Rounding
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        (Rounding.pence, "360.56"),  # 36,056.34p -> 36,056p
        (Rounding.pound, "361"),  # £360.56 -> £361
        (Rounding.five_pounds, "360"),  # 72.11 fives -> 72
        (Rounding.ten_pounds, "360"),  # 36.06 tens -> 36
        (Rounding.fifty_pounds, "350"),  # 7.21 fifties -> 7
        (Rounding.hundred_pounds, "400"),  # 3.61 hundreds -> 4
    ],
)
def test_every_rounding_mode_on_one_pro_rated_line(mode, expected):
    line = line0(one_period(SIXTEEN_DAYS, rounding=mode.name), school_calendar=HAMPSHIRE)
    assert line.rounding is mode
    assert line.exact_pence == SIXTEEN_DAYS_EXACT
    assert line.amount == Money(expected)


@pytest.mark.parametrize(
    ("mode", "rate", "days", "exact", "expected"),
    [
        # A school day is 1/5 week, so a weekly rate of 5x gives exactly x for one day.
        ("pence", "0.01", 2.5, Fraction(1, 2), "0.01"),  # half a penny -> 1p
        ("pound", "12.50", 1, Fraction(250), "3"),  # £2.50 -> £3
        ("five_pounds", "12.50", 1, Fraction(250), "5"),  # £2.50 = half of £5 -> £5
        ("ten_pounds", "25", 1, Fraction(500), "10"),  # £5 -> £10
        ("fifty_pounds", "125", 1, Fraction(2500), "50"),  # £25 -> £50
        ("hundred_pounds", "250", 1, Fraction(5000), "100"),  # £50 -> £100
        ("pound", "12.45", 1, Fraction(249), "2"),  # £2.49 -> £2 (just under half)
    ],
)
def test_halves_go_away_from_zero(mode, rate, days, exact, expected):
    line = line0(one_period({"length": {"days": days}, "rate": rate, "per": "week"}, rounding=mode))
    assert line.exact_pence == exact
    assert line.amount == Money(expected)


def test_per_line_rounding_override_and_payments_never_rounded():
    # First line £361 (16/71 of a term). Second line: Mon 8 - Fri 26 Jan 2024 = 15 of the spring term's 58 days;
    # £1,600 x 15/58 = 1,200,000/29 p = 41,379.31p -> £413.79 (pence).
    doc = {
        "rounding": "pound",
        "lost_provision": [
            SIXTEEN_DAYS,
            {"from": "2024-01-08", "to": "2024-01-26", "rate": "1600", "per": "term", "rounding": "pence"},
        ],
        "payments": [{"kind": "reimbursement", "amount": "250.55", "for": "private EP report"}],
    }
    b = calculate_remedy(doc, school_calendar=HAMPSHIRE)
    assert [line.amount for line in b.lines] == [Money("361"), Money("413.79"), Money("250.55")]
    assert [line.rounding for line in b.lines] == [Rounding.pound, Rounding.pence, Rounding.pence]
    doc["rounding"] = "hundred_pounds"
    b = calculate_remedy(doc, school_calendar=HAMPSHIRE)
    # £360.56 -> £400 to the hundred; the override and the payment are untouched: 400 + 413.79 + 250.55.
    assert [line.amount for line in b.lines] == [Money("400"), Money("413.79"), Money("250.55")]
    assert b.total == Money("1064.34")


@given(
    pence=st.integers(min_value=1, max_value=10_000_000),
    hundredths_of_a_day=st.integers(min_value=1, max_value=100_000),
    mode=st.sampled_from(list(Rounding)),
)
def test_a_line_is_its_exact_amount_rounded_once(pence, hundredths_of_a_day, mode):
    # Rate p pence a week for d school days is exactly p x d/5 pence; the line is that rounded to the nearest
    # multiple of the unit, halves away from zero.
    unit = UNIT_PENCE[mode]
    days = Fraction(hundredths_of_a_day, 100)
    item = {
        "length": {"days": f"{hundredths_of_a_day // 100}.{hundredths_of_a_day % 100:02d}"},
        "rate": Money.from_pence(pence).to_decimal(),
        "per": "week",
    }
    doc = one_period(item, rounding=mode.name)
    line = line0(doc)
    exact = pence * days / 5
    assert line.exact_pence == exact
    assert line.amount.pence == math.floor(exact / unit + Fraction(1, 2)) * unit


# ---------------------------------------------------------------------------------------------------------
# Unit conversions
# ---------------------------------------------------------------------------------------------------------


def test_unit_conversions_defaults_and_keywords():
    default = UnitConversions()
    # remedies.md §1: 39 school weeks a year, 13 a term, about 4.33 a school month (39/9).
    assert default.weeks_per_year == Fraction(39)
    assert default.weeks_per_term == Fraction(13)
    assert default.weeks_per_month == Fraction(39, 9)
    assert isinstance(default.weeks_per_month, fractions.Fraction)
    custom = UnitConversions(weeks_per_year=38, weeks_per_term=Fraction(38, 3), weeks_per_month=Fraction(38, 9))
    assert (custom.weeks_per_year, custom.weeks_per_term, custom.weeks_per_month) == (
        Fraction(38),
        Fraction(38, 3),
        Fraction(38, 9),
    )
    assert "38 school weeks a year" in custom.describe()
    with pytest.raises(redress.InvalidInputError):
        UnitConversions(weeks_per_year=38.5)  # a float is refused: exact fractions only


@pytest.mark.parametrize(
    ("rate", "per", "default", "thirty_eight"),
    [
        # Year: £3,800 x 19/39 = 185,128.2p -> £1,851; with 38 weeks: £3,800 x 19/38 = £1,900.
        ("3800", "year", "1851", "1900"),
        # Term: £1,600 x 19/13 = 233,846.2p -> £2,338; with 38/3: £1,600 x 19 x 3/38 = £2,400.
        ("1600", "term", "2338", "2400"),
        # Month: £600 x 19 x 9/39 = 263,076.9p -> £2,631; with 38/9: £600 x 19 x 9/38 = £2,700.
        ("600", "month", "2631", "2700"),
    ],
)
def test_overridden_conversions_change_the_amount(rate, per, default, thirty_eight):
    doc = one_period({"length": {"weeks": 19}, "rate": rate, "per": per})
    conv = UnitConversions(weeks_per_year=38, weeks_per_term=Fraction(38, 3), weeks_per_month=Fraction(38, 9))
    assert line0(doc).amount == Money(default)
    assert line0(doc, conversions=conv).amount == Money(thirty_eight)


def test_twelve_week_term():
    # {"weeks": 6} at £1,600 a term: 6/13 -> 73,846.2p -> £738; with 12 weeks a term 6/12 -> £800.
    doc = one_period({"length": {"weeks": 6}, "rate": "1600", "per": "term"})
    assert line0(doc).amount == Money("738")
    assert line0(doc, conversions=UnitConversions(weeks_per_term=12)).amount == Money("800")


# ---------------------------------------------------------------------------------------------------------
# Guidance
# ---------------------------------------------------------------------------------------------------------


def test_shipped_guidance_versions():
    g = Guidance.lgsco()
    assert [v.id for v in g.versions] == ["lgsco-monthly", "lgsco-termly"]
    monthly = g.version("lgsco-monthly")
    assert monthly.unit is RateUnit.month
    assert monthly.start is None
    assert monthly.end == date(2022, 12, 31)
    band = monthly.bands[Provision.none]
    assert (band.min, band.max, band.min_confirmed, band.max_confirmed) == (Money("200"), Money("600"), False, True)
    termly = g.version("lgsco-termly")
    assert termly.start == date(2023, 1, 1)
    assert (termly.bands[Provision.partial].min, termly.bands[Provision.partial].max) == (Money("900"), Money("2400"))


@pytest.mark.parametrize(
    ("decided", "version"),
    [
        (date(2022, 6, 16), "lgsco-monthly"),  # Dorset
        (date(2022, 12, 5), "lgsco-monthly"),  # monthly framing still seen (remedies.md §1)
        (date(2022, 12, 31), "lgsco-monthly"),
        (date(2023, 1, 1), "lgsco-termly"),  # the data's switch convention
        (date(2023, 4, 24), "lgsco-termly"),  # Leeds 22 004 115
    ],
)
def test_guidance_by_final_decision(decided, version):
    found, reason = Guidance.lgsco().for_decision(decided)
    assert found.id == version
    assert decided.isoformat() in reason
    assert calculate_remedy(DORSET, final_decision=decided).guidance == version


def test_pinned_guidance():
    doc = {**DORSET, "guidance": "lgsco-termly"}
    b = calculate_remedy(doc, final_decision=DORSET_DECISION)
    assert b.guidance == "lgsco-termly"
    assert "pinned" in b.guidance_reason
    # £600 a month = £1,800 a term and £500 = £1,500 a term: both in £900-£2,400. Amounts unchanged.
    assert [line.within_band for line in b.lines[:2]] == [True, True]
    assert b.total == Money("8800")


def test_unknown_guidance_version_names_it():
    with pytest.raises(redress.InvalidInputError) as caught:
        calculate_remedy({**DORSET, "guidance": "lgsco-weekly"}, final_decision=DORSET_DECISION)
    assert caught.value.field == "remedy.guidance"
    assert caught.value.value == "lgsco-weekly"
    assert "lgsco-weekly" in str(caught.value)


def test_no_final_decision_warns_and_checks_no_band():
    b = calculate_remedy(DORSET)
    assert b.guidance == ""
    assert len(b.warnings) == 3  # the guidance, then the other month convention of each month range
    assert "final decision" in b.warnings[0]
    assert b.lines[0].within_band is None
    assert b.total == Money("8800")


MARCH_2020 = {"from": "2020-03", "to": "2020-03", "per": "month", "provision": "none"}


def test_rate_above_the_band_warns_and_keeps_the_amount():
    # £700 for one school month under lgsco-monthly (top £600): £700, unchanged, with a warning on the line.
    b = calculate_remedy(one_period({**MARCH_2020, "rate": "700"}), final_decision=DORSET_DECISION)
    line = b.lines[0]
    assert line.amount == Money("700")
    assert line.within_band is False
    assert len(line.warnings) == 1
    assert "band" in line.warnings[0]
    assert "£600.00" in line.warnings[0]
    assert b.warnings[0].startswith("remedy.lost_provision[0]")


def test_rate_below_the_unconfirmed_lower_bound_says_so():
    line = line0(one_period({**MARCH_2020, "rate": "150"}), final_decision=DORSET_DECISION)
    assert line.amount == Money("150")
    assert line.within_band is False
    assert "unconfirmed" in line.warnings[0]


def test_with_lower_bound():
    lower = Guidance.lgsco().with_lower_bound("lgsco-monthly", Money("100"))
    assert lower.version("lgsco-monthly").bands[Provision.none].min == Money("100")
    assert Guidance.lgsco().version("lgsco-monthly").bands[Provision.none].min == Money("200")
    inside = line0(one_period({**MARCH_2020, "rate": "150"}), final_decision=DORSET_DECISION, guidance=lower)
    assert inside.within_band is True
    assert inside.warnings == []
    below = line0(one_period({**MARCH_2020, "rate": "50"}), final_decision=DORSET_DECISION, guidance=lower)
    assert below.within_band is False
    assert "£100.00" in below.warnings[0]
    assert "unconfirmed" not in below.warnings[0]
    with pytest.raises(redress.InvalidInputError):
        Guidance.lgsco().with_lower_bound("lgsco-weekly", Money("100"))


# ---------------------------------------------------------------------------------------------------------
# Heads of loss
# ---------------------------------------------------------------------------------------------------------


def overlapping(head):
    return {
        "lost_provision": [
            {"from": "2020-02", "to": "2020-05", "rate": "600", "per": "month"},
            {"from": "2020-04", "to": "2020-07", "rate": "600", "per": "month", "head": head},
        ]
    }


def test_overlap_of_one_head_names_both_paths():
    with pytest.raises(redress.InvalidInputError) as caught:
        calculate_remedy(overlapping("education"))
    assert caught.value.field == "remedy.lost_provision[1]"
    assert "remedy.lost_provision[0]" in str(caught.value)
    assert "remedy.lost_provision[1]" in str(caught.value)


def test_same_dates_under_different_heads_or_allowed_overlap():
    # Feb-May 2020 = 4 months + Apr-Jul 2020 = 4 months: 8 x £600 = £4,800.
    b = calculate_remedy(overlapping("special_provision"))
    assert b.total == Money("4800")
    assert b.lines[1].head is Head.special_provision
    assert calculate_remedy(overlapping("education"), allow_overlap=True).total == Money("4800")


# ---------------------------------------------------------------------------------------------------------
# Bad input: each error names the JSON path
# ---------------------------------------------------------------------------------------------------------

LP = "remedy.lost_provision[0]"
FEB_MAR = {"from": "2020-02", "to": "2020-03", "per": "month"}


@pytest.mark.parametrize(
    ("doc", "field"),
    [
        pytest.param(one_period({**FEB_MAR, "from": "2020-05", "rate": "600"}), f"{LP}.to", id="to-before-from"),
        pytest.param(
            one_period({"from": "2023-12-08", "to": "2023-12-01", "rate": "100", "per": "week"}),
            f"{LP}.to",
            id="to-before-from-dates",
        ),
        pytest.param(one_period({**FEB_MAR, "to": "2020-10-31", "rate": "600"}), f"{LP}.to", id="month-and-date"),
        pytest.param(one_period({**FEB_MAR, "rate": "0"}), f"{LP}.rate", id="zero-rate"),
        pytest.param(one_period({**FEB_MAR, "rate": 0}), f"{LP}.rate", id="zero-rate-number"),
        pytest.param(one_period({**FEB_MAR, "rate": "-600"}), f"{LP}.rate", id="negative-rate"),
        pytest.param(one_period({**FEB_MAR, "rate": "600", "per": "fortnight"}), f"{LP}.per", id="fortnight"),
        pytest.param(
            one_period({"length": {"fortnights": 1}, "rate": "600", "per": "month"}),
            f"{LP}.length.fortnights",
            id="length-unit",
        ),
        pytest.param(one_period({**FEB_MAR, "rate": "1.005"}), f"{LP}.rate", id="three-decimals-string"),
        pytest.param(one_period({**FEB_MAR, "rate": 1.005}), f"{LP}.rate", id="three-decimals-number"),
        pytest.param(
            one_period({"from": "2023-11-27", "open": True, "to": "2023-12-08", "rate": "100", "per": "week"}),
            f"{LP}.to",
            id="open-with-to",
        ),
        pytest.param(
            one_period({"from": "2020-02", "length": {"terms": 1}, "rate": "600", "per": "term"}),
            f"{LP}.length",
            id="length-with-from",
        ),
        pytest.param(
            {"payments": [{"kind": "compensation", "amount": "100"}]}, "remedy.payments[0].kind", id="payment-kind"
        ),
        pytest.param(
            {"payments": [{"kind": "distress", "amount": 1.005}]}, "remedy.payments[0].amount", id="payment-1.005"
        ),
        pytest.param({"stated_total": "1.005"}, "remedy.stated_total", id="stated-total-1.005"),
        pytest.param({"rounding": "nearest"}, "remedy.rounding", id="rounding"),
    ],
)
def test_bad_input_names_the_json_path(doc, field):
    with pytest.raises(redress.InvalidInputError) as caught:
        calculate_remedy(doc)
    assert caught.value.field == field
    assert isinstance(caught.value, ValueError)


def test_bad_values_are_named():
    with pytest.raises(redress.InvalidInputError) as caught:
        calculate_remedy(one_period({**FEB_MAR, "rate": "600", "per": "fortnight"}))
    assert caught.value.value == "fortnight"
    with pytest.raises(redress.InvalidInputError) as caught:
        calculate_remedy(one_period({**FEB_MAR, "rate": 1.005}))
    assert caught.value.value == "1.005"


def test_misspelt_field_suggests_the_right_one():
    with pytest.raises(redress.InvalidInputError) as caught:
        calculate_remedy({"payments": [{"kind": "time_and_trouble", "ammount": "250"}]})
    assert caught.value.field == "remedy.payments[0].ammount"
    assert "amount" in caught.value.rule


def test_path_prefix_is_the_callers():
    with pytest.raises(redress.InvalidInputError) as caught:
        Remedy.from_json(one_period({**FEB_MAR, "from": "2020-05", "rate": "600"}), path="case.remedy")
    assert caught.value.field == "case.remedy.lost_provision[0].to"


# ---------------------------------------------------------------------------------------------------------
# JSON, Remedy objects and pickling
# ---------------------------------------------------------------------------------------------------------


def test_calculate_accepts_a_dict_a_json_str_and_a_remedy():
    as_dict = calculate_remedy(DORSET, final_decision=DORSET_DECISION)
    as_str = calculate_remedy(json.dumps(DORSET), final_decision=DORSET_DECISION)
    as_remedy = calculate_remedy(Remedy.from_json(DORSET), final_decision=DORSET_DECISION)
    assert as_dict.total == as_str.total == as_remedy.total == Money("8800")
    assert as_dict.to_json() == as_str.to_json() == as_remedy.to_json()


def test_remedy_json_round_trip():
    doc = {
        "guidance": "lgsco-termly",
        "school_calendar": "hampshire",
        "rounding": "five_pounds",
        "lost_provision": [
            {"from": "2023-09", "to": "2023-10", "rate": "500", "per": "month", "provision": "partial"},
            {**SIXTEEN_DAYS, "head": "special_provision", "rounding": "pence", "note": "therapy"},
            {"from": "2024-01-08", "open": True, "rate": "100", "per": "week", "head": "other", "paid_to": "parent"},
            {"length": {"terms": 1, "days": 2.5}, "rate": "1600", "per": "term", "provision": "unsuitable"},
        ],
        "payments": [{"kind": "uncertainty", "amount": "300.50", "to": "young_person", "for": "uncertainty"}],
        "stated_total": "1234.56",
    }
    options = {"final_decision": date(2024, 3, 1), "as_of": date(2024, 1, 19)}
    first = Remedy.from_json(doc)
    second = Remedy.from_json(first.to_json())
    assert second.to_json() == first.to_json()
    b = calculate_remedy(second, **options)
    assert b.to_json() == calculate_remedy(doc, **options).to_json()
    # Sep-Oct 2023 2 x £500 = £1,000; 16 of 71 autumn days to the penny £360.56; Mon 8 - Fri 19 Jan 2024 = 10 days =
    # £200; 13.5 weeks at £1,600 a term = 2,160,000/13 p = £1,661.54 -> £1,660 to the £5; £300.50.
    assert [line.amount for line in b.lines] == [
        Money("1000"),
        Money("360.56"),
        Money("200"),
        Money("1660"),
        Money("300.50"),
    ]
    assert b.total == Money("3521.06")
    assert second.stated_total == Money("1234.56")
    assert second.rounding is Rounding.five_pounds
    assert second.guidance == "lgsco-termly"
    assert second.school_calendar == "hampshire"


def test_breakdown_json_for_dorset():
    out = json.loads(calculate_remedy(DORSET, final_decision=DORSET_DECISION).to_json())
    assert out["total"] == "8800.00"
    assert out["guidance"] == "lgsco-monthly"
    months = out["lines"][0]
    assert months["count"] == "8"
    assert months["unit"] == "school months"
    assert months["rate"] == "600.00"
    assert months["per"] == "month"
    assert months["guidance"] == "lgsco-monthly"
    assert months["within_band"] is True
    assert out["lines"][2]["kind"] == "lost_opportunity"
    assert "count" not in out["lines"][2]
    assert out["by_kind"]["lost_provision"] == "6300.00"
    assert out["by_recipient"] == {"child": "7050.00", "parent": "1750.00"}
    assert out["audit"] == []


def test_remedy_pickles():
    remedy = Remedy.from_json(DORSET)
    again = pickle.loads(pickle.dumps(remedy))
    assert again.to_json() == remedy.to_json()
    assert calculate_remedy(again, final_decision=DORSET_DECISION).total == Money("8800")
    assert len(again.payments) == 6
    assert again.payments[3].to is Recipient.parent
    assert again.payments[3].kind is PaymentKind.distress


def test_payment_constructor_with_keywords():
    p = Payment(kind="distress", amount=Money("750"), to="child", purpose="distress and anxiety (3.1.5)")
    assert p.kind is PaymentKind.distress
    assert p.amount == Money("750")
    assert p.to is Recipient.child
    assert p.purpose == "distress and anxiety (3.1.5)"
    q = Payment(kind=PaymentKind.time_and_trouble, amount=Money("250"))
    assert q.to is Recipient.parent
    assert q.purpose == ""
    with pytest.raises(redress.InvalidInputError):
        Payment(kind="compensation", amount=Money("1"))


def test_month_conventions_say_which_and_warn_of_the_other():
    # Issue 12 item 10: the school year 2023/24 at £600 a month. As a month range Sep 2023 - Jul 2024: 11 school
    # months = £6,600; the school weeks of those months on Hampshire, 71 + 58 + 66 = 195 days = 39 weeks, at 39/9
    # a month are 9 months = £5,400: 18% apart, so a warning shows it. As a length of one year: 39 weeks at 39/9
    # = 9 months = £5,400, and the other convention (11 a year) £6,600: 22% apart.
    line = line0(
        one_period({"from": "2023-09", "to": "2024-07", "rate": "600", "per": "month"}), school_calendar=HAMPSHIRE
    )
    assert line.amount == Money("6600")
    assert line.convention == "school months: calendar months less August, 11 in a school year"
    assert line.alternative == Money("5400")
    assert line.warnings == [
        "the other convention gives £5,400.00 instead of £6,600.00, 18% different: school weeks on the calendar at"
        " 4 1/3 (~4.33) a month (9 school months in a school year)"
    ]
    year = line0(one_period({"length": {"years": 1}, "rate": "600", "per": "month"}))
    assert year.amount == Money("5400")
    assert "9 school months in a school year" in year.explanation
    assert year.alternative == Money("6600")
    assert ", 22% different: " in year.warnings[0]
    # A monthly rate over part of a month: 1-15 Sep 2023 is 11 of September's 21 Hampshire school days: 11/21 x
    # £600 = £314.29 -> £314; in school weeks (2.2 at 39/9 a month) £304.62 -> £305, within 5%: no warning.
    part = line0(
        one_period({"from": "2023-09-01", "to": "2023-09-15", "rate": "600", "per": "month"}), school_calendar=HAMPSHIRE
    )
    assert (part.count, part.amount, part.alternative) == (Fraction(11, 21), Money("314"), Money("305"))
    assert part.warnings == []
