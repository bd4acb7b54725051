"""The deadline engine from Python: rules evaluated over case timelines, statuses, exceptions, DfE timeliness,
iCalendar and JSON export, and the vectorised evaluate_rule.

Every expected date is worked by hand in a comment from the law named next to it (shared/domain/deadlines.md,
data/rules/catalogue.json) and GOV.UK's England and Wales bank holidays (deadlines.md §5.3). None was taken
from running the library. Events and exceptions are given in the case format (CASE_FORMAT.md, send.events and
send.exceptions) unless a test is about the Event and ExceptionInterval values.
"""

import datetime
import json
import random

import numpy as np
import pytest

import redress
from redress import (
    Calendar,
    DeadlineStatus,
    Event,
    Evidence,
    ExceptionInterval,
    RuleCatalogue,
    SchoolCalendar,
    evaluate_deadlines,
    evaluate_rule,
    period_end,
)

date = datetime.date
EW = Calendar.england_and_wales()
SCHOOL = SchoolCalendar.default()


def events(*pairs, **fields):
    """Case-format events from (name, ISO date) pairs; fields go on every event."""
    return [{"event": name, "date": when, **fields} for name, when in pairs]


def of(deadlines, rule):
    """The one deadline of `rule`."""
    found = [d for d in deadlines if d.rule == rule]
    assert len(found) == 1, f"{rule}: {found}"
    return found[0]


def rules(deadlines):
    return [d.rule for d in deadlines]


# ---------------------------------------------------------------------------------------------------------
# Rule by rule: (rule, events, as of, due, status, days late), each hand-worked.
# ---------------------------------------------------------------------------------------------------------

RULE_CASES = [
    # SEND Regs 2014 reg 5(1): 6 weeks from Mon 9 Sep 2024 = 21 (to 30 Sep) + 21 -> Mon 21 Oct 2024.
    pytest.param(
        "ehc.assessment_decision",
        events(("ehc_request_received", "2024-09-09"), ("assessment_decision_notified", "2024-10-22")),
        date(2024, 11, 1),
        date(2024, 10, 21),
        DeadlineStatus.met_late,
        1,
        id="reg5-6-weeks",
    ),
    # reg 10(1): 16 weeks = 112 days from 9 Sep 2024: 21 + 31 + 30 = 82, + 30 -> Mon 30 Dec 2024.
    pytest.param(
        "ehc.no_plan_decision",
        events(("ehc_request_received", "2024-09-09"), ("no_plan_decision_notified", "2024-12-20")),
        date(2025, 1, 10),
        date(2024, 12, 30),
        DeadlineStatus.met_on_time,
        0,
        id="reg10-16-weeks",
    ),
    # reg 13(2): 20 weeks = 140 days from 9 Sep 2024: 21 + 31 + 30 + 31 = 113, + 27 -> Mon 27 Jan 2025.
    pytest.param(
        "ehc.final_plan",
        events(("ehc_request_received", "2024-09-09")),
        date(2025, 1, 1),
        date(2025, 1, 27),
        DeadlineStatus.pending,
        0,
        id="reg13-2-20-weeks",
    ),
    # reg 13(1)(a): 15 days beginning with service, service day = day 1: Mon 6 Jan 2025 + 14 = Mon 20 Jan 2025.
    pytest.param(
        "ehc.draft_comments",
        events(("draft_plan_issued", "2025-01-06")),
        date(2025, 1, 21),
        date(2025, 1, 20),
        DeadlineStatus.window_closed,
        0,
        id="reg13-1-15-days",
    ),
    # reg 25(1): 15 days from Mon 3 Mar 2025 -> Tue 18 Mar 2025; notified 20 Mar: 2 days late.
    pytest.param(
        "reassessment.decision",
        events(("reassessment_request_received", "2025-03-03"), ("reassessment_decision_notified", "2025-03-20")),
        date(2025, 4, 1),
        date(2025, 3, 18),
        DeadlineStatus.met_late,
        2,
        id="reg25-15-days",
    ),
    # reg 27(2): 14 weeks from Thu 20 Mar 2025: +2 = 3 Apr, +6 = 1 May, +10 = 29 May, +14 = Thu 26 Jun 2025.
    pytest.param(
        "reassessment.final_plan",
        events(("reassessment_decision_notified", "2025-03-20")),
        date(2025, 7, 1),
        date(2025, 6, 26),
        DeadlineStatus.overdue,
        5,
        id="reg27-14-weeks",
    ),
    # CFA 2014 s.44(1): 12 months beginning with the day the plan was made, Fri 15 Mar 2024 -> Fri 14 Mar 2025.
    pytest.param(
        "review.annual",
        events(("final_plan_issued", "2024-03-15")),
        date(2025, 3, 1),
        date(2025, 3, 14),
        DeadlineStatus.pending,
        0,
        id="s44-annual-review",
    ),
    # reg 20(3): at least 2 weeks' notice: meeting Mon 10 Mar 2025 - 14 days = Mon 24 Feb 2025.
    pytest.param(
        "review.invitations",
        events(("review_meeting_held", "2025-03-10"), ("review_invitations_sent", "2025-02-21")),
        date(2025, 3, 11),
        date(2025, 2, 24),
        DeadlineStatus.met_on_time,
        0,
        id="reg20-3-invitations",
    ),
    # reg 20(10): 4 weeks after the meeting: 10 Mar 2025 + 28 = Mon 7 Apr 2025.
    pytest.param(
        "review.decision",
        events(("review_meeting_held", "2025-03-10")),
        date(2025, 4, 10),
        date(2025, 4, 7),
        DeadlineStatus.overdue,
        3,
        id="reg20-10-decision",
    ),
    # reg 22(3): 8 weeks after the notice: Fri 4 Apr 2025 + 56 = 26 (to 30 Apr) + 30 -> Fri 30 May 2025.
    pytest.param(
        "review.amended_plan",
        events(("amendment_notice_sent", "2025-04-04"), ("amended_plan_issued", "2025-06-01")),
        date(2025, 6, 10),
        date(2025, 5, 30),
        DeadlineStatus.met_late,
        2,
        id="reg22-3-8-weeks",
    ),
    # Devon [2022] EWHC 493: 12 weeks from the meeting: 10 Mar 2025 + 84 = 21 + 30 + 31 + 2 -> Mon 2 Jun 2025.
    pytest.param(
        "review.amended_plan_12_weeks",
        events(
            ("review_meeting_held", "2025-03-10"),
            ("amendment_notice_sent", "2025-04-04"),
            ("amended_plan_issued", "2025-06-01"),
        ),
        date(2025, 6, 10),
        date(2025, 6, 2),
        DeadlineStatus.met_on_time,
        0,
        id="devon-12-weeks",
    ),
    # reg 15: 6 weeks after the plan transferred in: Mon 2 Jun 2025 + 42 = 28 + 14 -> Mon 14 Jul 2025.
    pytest.param(
        "move.new_authority_notice",
        events(("plan_transferred_in", "2025-06-02"), ("transfer_notice_sent", "2025-07-14")),
        date(2025, 8, 1),
        date(2025, 7, 14),
        DeadlineStatus.met_on_time,
        0,
        id="reg15-6-weeks",
    ),
    # s.19 / SI 2007/1870: sixth school day of an exclusion, default calendar: spring half-term 2025 is the week of
    # the third Monday of February (3, 10, 17 -> 17-21 Feb). Wed 12 Feb (1), 13 (2), 14 (3), Mon 24 (4),
    # 25 (5), Wed 26 Feb 2025 (6).
    pytest.param(
        "s19.exclusion_sixth_day",
        events(("exclusion_began", "2025-02-12")),
        date(2025, 2, 13),
        date(2025, 2, 26),
        DeadlineStatus.pending,
        0,
        id="s19-sixth-day",
    ),
    # s.19 health needs: 15th school day from Mon 3 Mar 2025: 3-7 (1-5), 10-14 (6-10), 17-21 Mar (11-15).
    pytest.param(
        "s19.health_absence",
        events(("absence_began", "2025-03-03"), ("provision_started", "2025-03-24")),
        date(2025, 4, 1),
        date(2025, 3, 21),
        DeadlineStatus.met_late,
        3,
        id="s19-15th-day",
    ),
    # LGA 1974 s.26B: 12 months beginning with first notice, 3 Feb 2020 -> 2 Feb 2021.
    pytest.param(
        "lgo.complaint_window",
        events(("first_aware", "2020-02-03")),
        date(2021, 2, 2),
        date(2021, 2, 2),
        DeadlineStatus.window_open,
        0,
        id="s26B-12-months",
    ),
    # s.31(2): 3 months beginning with receipt, 16 Jun 2022 -> 15 Sep 2022.
    pytest.param(
        "lgo.response",
        events(("report_received", "2022-06-16"), ("response_to_ombudsman", "2022-09-01")),
        date(2022, 10, 1),
        date(2022, 9, 15),
        DeadlineStatus.met_on_time,
        0,
        id="s31-2-3-months",
    ),
    # s.31(2A)(c): "three months beginning with the end of the period so allowed": the s.31(2) period ends at the
    # close of 15 Sep 2022, so 16 Sep is day 1 and the period ends the day before 16 Dec 2022, on 15 Dec (setting
    # s31_2A_day_after, default 1); as of 20 Dec it is 5 days overdue.
    pytest.param(
        "lgo.further_response",
        events(("report_received", "2022-06-16")),
        date(2022, 12, 20),
        date(2022, 12, 15),
        DeadlineStatus.overdue,
        5,
        id="s31-2A-further-3-months",
    ),
    # LGHA 1989 s.5A: 21 days from Fri 1 Mar 2024 -> Fri 22 Mar 2024.
    pytest.param(
        "mo.report_considered",
        events(("monitoring_officer_report_sent", "2024-03-01"), ("report_considered", "2024-03-25")),
        date(2024, 4, 1),
        date(2024, 3, 22),
        DeadlineStatus.met_late,
        3,
        id="mo-21-days",
    ),
    # Complaint Handling Code stage 1: acknowledge in 5 WD of Mon 3 Mar 2025: 4, 5, 6, 7, Mon 10 Mar.
    pytest.param(
        "complaint.stage1_acknowledge",
        events(("complaint_to_council", "2025-03-03"), ("complaint_acknowledged", "2025-03-05")),
        date(2025, 4, 1),
        date(2025, 3, 10),
        DeadlineStatus.met_on_time,
        0,
        id="code-stage1-ack-5-wd",
    ),
    # Stage 1 response in 10 WD of the acknowledgement, Wed 5 Mar 2025: 6, 7, 10-14, 17, 18, Wed 19 Mar (10).
    pytest.param(
        "complaint.stage1_response",
        events(
            ("complaint_to_council", "2025-03-03"),
            ("complaint_acknowledged", "2025-03-05"),
            ("stage1_response_sent", "2025-03-21"),
        ),
        date(2025, 4, 1),
        date(2025, 3, 19),
        DeadlineStatus.met_late,
        2,
        id="code-stage1-response-10-wd",
    ),
    # Stage 2 response in 20 WD of the acknowledgement, Thu 3 Apr 2025: Fri 4 (1), 7-11 (2-6), 14-17 (7-10),
    # Good Friday 18 and Easter Monday 21 skipped, 22-25 (11-14), 28 Apr-2 May (15-19), bank holiday Mon 5 May
    # skipped, Tue 6 May 2025 (20).
    pytest.param(
        "complaint.stage2_response",
        events(
            ("stage2_requested", "2025-04-01"),
            ("stage2_acknowledged", "2025-04-03"),
            ("stage2_response_sent", "2025-05-06"),
        ),
        date(2025, 6, 1),
        date(2025, 5, 6),
        DeadlineStatus.met_on_time,
        0,
        id="code-stage2-response-20-wd",
    ),
]


# The shipped catalogue applies the Complaint Handling Code from 1 April 2026; these cases apply it to 2025 dates on
# purpose, as a caller may.
CODE_ANY_DATE = RuleCatalogue.standard().with_complaint_code_from(None)


@pytest.mark.parametrize(("rule", "case_events", "as_of", "due", "status", "days_late"), RULE_CASES)
def test_rule_by_rule(rule, case_events, as_of, due, status, days_late):
    d = of(evaluate_deadlines(case_events, as_of=as_of, catalogue=CODE_ANY_DATE), rule)
    assert d.due == due
    assert d.status == status
    assert d.days_late == days_late
    assert d.source == RuleCatalogue.standard().rule(rule).citation


def test_reg13_final_plan_explanation():
    # reg 13(2): 9 Sep 2024 + 20 weeks = Monday 27 January 2025 (hand count in RULE_CASES).
    d = of(evaluate_deadlines(events(("ehc_request_received", "2024-09-09")), as_of=date(2025, 1, 1)), "ehc.final_plan")
    assert d.explanation == (
        "Final EHC plan due Monday 27 January 2025: 20 weeks after the request was received on 9 September 2024 "
        "(SEND Regulations 2014, reg 13(2))."
    )
    assert d.source == "SEND Regulations 2014, reg 13(2)"
    assert d.evidence == Evidence.verified
    assert d.days_remaining == 26  # 1 Jan -> 27 Jan


def test_no_plan_rule_only_when_a_no_plan_decision_is_recorded():
    ds = evaluate_deadlines(events(("ehc_request_received", "2024-09-09")), as_of=date(2024, 10, 1))
    assert "ehc.no_plan_decision" not in rules(ds)
    assert "ehc.final_plan" in rules(ds)


def test_invitations_and_devon_only_when_recorded():
    # reg 20(3) invitations are tracked only when recorded; Devon's 12 weeks only with an amendment notice.
    ds = evaluate_deadlines(events(("review_meeting_held", "2025-03-10")), as_of=date(2025, 3, 11))
    assert "review.invitations" not in rules(ds)
    assert "review.amended_plan_12_weeks" not in rules(ds)
    assert "review.decision" in rules(ds)


def test_devon_only_for_a_meeting_followed_by_an_amendment_notice():
    # Reviews on Mon 11 Mar 2024 (plan maintained, no notice) and Mon 10 Mar 2025 (notice 4 Apr, amended plan
    # 1 Jun 2025). Devon's 12 weeks run only where the authority decided to amend: from 10 Mar 2025 + 84 days
    # -> Mon 2 Jun 2025, met. The 2024 meeting has no 12-week limit to be "met a year late".
    ds = evaluate_deadlines(
        events(
            ("review_meeting_held", "2024-03-11"),
            ("review_meeting_held", "2025-03-10"),
            ("amendment_notice_sent", "2025-04-04"),
            ("amended_plan_issued", "2025-06-01"),
        ),
        as_of=date(2025, 6, 10),
    )
    devon = [d for d in ds if d.rule == "review.amended_plan_12_weeks"]
    assert [(d.start, d.due, d.status) for d in devon] == [
        (date(2025, 3, 10), date(2025, 6, 2), DeadlineStatus.met_on_time)
    ]


@pytest.mark.parametrize(
    ("transfer", "transfer_date", "rule", "due"),
    [
        # reg 18(1)(b): before 15 February of the year of transfer -> Fri 14 Feb 2025.
        ("school_phase", "2025-09-01", "transfer.school_phase", date(2025, 2, 14)),
        # reg 18(1)(a): before 31 March of the year of transfer -> Sun 30 Mar 2025.
        ("to_post16", "2025-09-01", "transfer.to_post16", date(2025, 3, 30)),
        # reg 18(2): at least 5 months before the move: 15 Jan 2026 - 5 months = 15 Aug 2025.
        ("between_post16", "2026-01-15", "transfer.between_post16", date(2025, 8, 15)),
    ],
)
def test_phase_transfers(transfer, transfer_date, rule, due):
    ds = evaluate_deadlines(events(("phase_transfer_due", transfer_date), transfer=transfer), as_of=date(2025, 1, 1))
    transfer_rules = [r for r in rules(ds) if r.startswith("transfer.")]
    assert transfer_rules == [rule]
    assert of(ds, rule).due == due


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        # reg 44 as substituted by SI 2015/359, order Mon 3 Feb 2025: 2 weeks -> 17 Feb; 14 weeks -> +4 = 3 Mar,
        # +8 = 31 Mar, +12 = 28 Apr, +14 = 12 May; 5 weeks -> 10 Mar; 11 weeks -> 31 Mar + 3 weeks = 21 Apr.
        ("assess", {"tribunal.order.assess": date(2025, 2, 17), "tribunal.order.assess_final_plan": date(2025, 5, 12)}),
        (
            "make_plan",
            {"tribunal.order.make_plan_draft": date(2025, 3, 10), "tribunal.order.make_plan_final": date(2025, 4, 21)},
        ),
        ("amend_contents", {"tribunal.order.amend_contents": date(2025, 3, 10)}),
        ("name_school", {"tribunal.order.name_school": date(2025, 2, 17)}),
    ],
)
def test_reg44_tribunal_orders(order, expected):
    ds = evaluate_deadlines(events(("tribunal_order_made", "2025-02-03"), order=order), as_of=date(2025, 2, 3))
    got = {d.rule: d.due for d in ds if d.rule.startswith("tribunal.order.")}
    assert got == expected


def test_as_made_2014_reg44_not_computable_until_given_a_length():
    order = [Event("tribunal_order_made", date(2015, 1, 15), {"order": "assess"})]
    d = of(evaluate_deadlines(order, as_of=date(2015, 2, 1)), "tribunal.order.as_made_2014")
    assert d.status == DeadlineStatus.not_computable
    assert d.due is None
    assert "length" in d.reason
    assert d.evidence == Evidence.unconfirmed
    # With 5 weeks: 15 Jan 2015 + 35 days = 16 (to 31 Jan) + 19 -> Thu 19 Feb 2015.
    catalogue = RuleCatalogue.standard().with_length("tribunal.order.as_made_2014", 5)
    d = of(evaluate_deadlines(order, as_of=date(2015, 2, 1), catalogue=catalogue), "tribunal.order.as_made_2014")
    assert d.due == date(2015, 2, 19)
    assert d.status == DeadlineStatus.pending
    assert RuleCatalogue.standard().rule("tribunal.order.as_made_2014").length is None


# ---------------------------------------------------------------------------------------------------------
# Tribunal appeals: HESC Rules 2008 r.20(1)(c) and r.12
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("case_events", "due"),
    [
        # 2 months after 14 Apr 2025 = Sat 14 Jun 2025 -> r.12 next working day Mon 16 Jun.
        (events(("decision_letter_sent", "2025-04-14")), date(2025, 6, 16)),
        # 2 months after 26 Mar 2025 = Mon 26 May 2025, spring bank holiday -> Tue 27 May.
        (events(("decision_letter_sent", "2025-03-26")), date(2025, 5, 27)),
        # Letter 1 Oct 2024 -> Sun 1 Dec; certificate 29 Nov -> 29 Dec, later; 25 Dec-1 Jan -> first working day
        # after 1 Jan: Thu 2 Jan 2025.
        (
            events(("decision_letter_sent", "2024-10-01"), ("mediation_certificate_issued", "2024-11-29")),
            date(2025, 1, 2),
        ),
        # Certificate 15 Oct 2024 -> 15 Nov, earlier than Sun 1 Dec, which rolls to Mon 2 Dec 2024.
        (
            events(("decision_letter_sent", "2024-10-01"), ("mediation_certificate_issued", "2024-10-15")),
            date(2024, 12, 2),
        ),
        # 15 Jun 2024 -> Thu 15 Aug 2024: August -> first working day after 31 Aug: Sun 1 Sep -> Mon 2 Sep 2024.
        (events(("decision_letter_sent", "2024-06-15")), date(2024, 9, 2)),
        # 27 Oct 2021 -> 27 Dec 2021 -> after 1 Jan 2022: Sun 2 Jan, Mon 3 Jan (New Year substitute) -> Tue 4 Jan.
        (events(("decision_letter_sent", "2021-10-27")), date(2022, 1, 4)),
    ],
)
def test_tribunal_appeal_roll(case_events, due):
    d = of(evaluate_deadlines(case_events, as_of=date(2021, 1, 1)), "tribunal.appeal")
    assert d.due == due
    assert d.status == DeadlineStatus.window_open


def test_send_regulations_do_not_roll_off_bank_holidays():
    # reg 13(2): Mon 7 Aug 2023 + 20 weeks (+4 = 4 Sep, +8 = 2 Oct, +12 = 30 Oct, +16 = 27 Nov) = Mon 25 Dec 2023.
    ds = evaluate_deadlines(events(("ehc_request_received", "2023-08-07")), as_of=date(2023, 9, 1))
    assert of(ds, "ehc.final_plan").due == date(2023, 12, 25)
    # reg 44: order to make a plan Mon 3 Feb 2025 + 11 weeks = Mon 21 Apr 2025, Easter Monday: stays.
    ds = evaluate_deadlines(events(("tribunal_order_made", "2025-02-03"), order="make_plan"), as_of=date(2025, 2, 3))
    assert of(ds, "tribunal.order.make_plan_final").due == date(2025, 4, 21)


# ---------------------------------------------------------------------------------------------------------
# Months: the corresponding-date rule at month ends
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("event", "when", "rule", "due"),
    [
        # s.31(2), 3 months beginning with 30 Nov 2023: no 30 Feb -> last day of Feb 2024 (SI 2018/1082 art 1.4).
        ("report_received", "2023-11-30", "lgo.response", date(2024, 2, 29)),
        ("report_received", "2022-11-30", "lgo.response", date(2023, 2, 28)),
        # s.26B, 12 months beginning with 29 Feb 2020: no 29 Feb 2021 -> 28 Feb 2021.
        ("first_aware", "2020-02-29", "lgo.complaint_window", date(2021, 2, 28)),
        # s.26B from 3 Feb 2020: the day before the corresponding date, 2 Feb 2021.
        ("first_aware", "2020-02-03", "lgo.complaint_window", date(2021, 2, 2)),
    ],
)
def test_month_ends(event, when, rule, due):
    ds = evaluate_deadlines(events((event, when)), as_of=date(2020, 1, 1))
    assert of(ds, rule).due == due


def test_s30_5_public_notice_is_unconfirmed_and_says_so():
    # s.30(5): 2 weeks believed current, not verified: 16 Jun 2022 + 14 = 30 Jun 2022.
    ds = evaluate_deadlines(
        events(("report_received", "2022-06-16"), ("public_notice_given", "2022-06-24")), as_of=date(2022, 7, 1)
    )
    d = of(ds, "lgo.public_notice")
    assert d.due == date(2022, 6, 30)
    assert d.evidence == Evidence.unconfirmed
    assert any("unconfirmed" in note for note in d.notes)


# ---------------------------------------------------------------------------------------------------------
# Council complaint procedures
# ---------------------------------------------------------------------------------------------------------


def test_stage1_response_falls_back_to_the_acknowledgement_due_date():
    # No acknowledgement recorded: the Code's 10 WD run from the day it was due, Mon 10 Mar 2025 (5 WD after
    # Mon 3 Mar): 11, 12, 13, 14, 17, 18, 19, 20, 21, Mon 24 Mar 2025 (10). Responded 20 Mar: on time.
    ds = evaluate_deadlines(
        events(("complaint_to_council", "2025-03-03"), ("stage1_response_sent", "2025-03-20")),
        as_of=date(2025, 4, 1),
        catalogue=CODE_ANY_DATE,
    )
    assert "complaint.stage1_response" in rules(ds), "no stage 1 response deadline without a recorded acknowledgement"
    d = of(ds, "complaint.stage1_response")
    assert d.start == date(2025, 3, 10)
    assert d.due == date(2025, 3, 24)
    assert d.status == DeadlineStatus.met_on_time


def test_a_councils_own_stage1_response_days():
    # 15 WD from the acknowledgement, Wed 5 Mar 2025: 19 Mar is the 10th; 20, 21, 24, 25, Wed 26 Mar 2025 (15th).
    council = RuleCatalogue.standard().with_setting("stage1_response_days", 15)
    case = events(
        ("complaint_to_council", "2025-03-03"),
        ("complaint_acknowledged", "2025-03-05"),
        ("stage1_response_sent", "2025-03-25"),
    )
    d = of(evaluate_deadlines(case, as_of=date(2025, 4, 1), catalogue=council), "complaint.stage1_response")
    assert d.due == date(2025, 3, 26)
    assert d.status == DeadlineStatus.met_on_time
    assert "stage1_response_days" in d.source
    # The Code's default 10 WD: due 19 Mar, so 25 Mar is 6 days late.
    d = of(evaluate_deadlines(case, as_of=date(2025, 4, 1), catalogue=CODE_ANY_DATE), "complaint.stage1_response")
    assert d.due == date(2025, 3, 19)
    assert d.days_late == 6
    with pytest.raises(redress.InvalidInputError):
        RuleCatalogue.standard().with_setting("no_such_setting", 3)


# ---------------------------------------------------------------------------------------------------------
# Statuses
# ---------------------------------------------------------------------------------------------------------

REQUEST = {"event": "ehc_request_received", "date": "2024-09-09"}  # reg 13(2) due Mon 27 Jan 2025


def final_plan(extra, as_of, exceptions=()):
    return of(evaluate_deadlines([REQUEST, *extra], list(exceptions), as_of=as_of), "ehc.final_plan")


def test_statuses_as_of_a_date():
    on_time = final_plan(events(("final_plan_issued", "2025-01-27")), date(2025, 3, 1))  # on the last day
    assert on_time.status == DeadlineStatus.met_on_time
    assert on_time.days_late == 0  # computable and not late: 0, as in every API (None only when not computable)
    assert not on_time.open
    late = final_plan(events(("final_plan_issued", "2025-02-10")), date(2025, 3, 1))
    assert late.status == DeadlineStatus.met_late
    assert late.days_late == 14  # 4 (to 31 Jan) + 10
    assert late.met == date(2025, 2, 10)
    pending = final_plan([], date(2025, 1, 1))
    assert pending.status == DeadlineStatus.pending
    assert pending.days_remaining == 26
    assert pending.open
    overdue = final_plan([], date(2025, 3, 3))
    assert overdue.status == DeadlineStatus.overdue
    assert overdue.days_late == 35  # 4 (to 31 Jan) + 28 + 3
    assert overdue.open


def test_window_open_and_closed():
    # reg 13(1)(a): draft served Mon 6 Jan 2025 -> last day Mon 20 Jan 2025.
    case = events(("draft_plan_issued", "2025-01-06"))
    d = of(evaluate_deadlines(case, as_of=date(2025, 1, 10)), "ehc.draft_comments")
    assert d.status == DeadlineStatus.window_open
    assert d.days_remaining == 10
    assert d.window
    d = of(evaluate_deadlines(case, as_of=date(2025, 1, 21)), "ehc.draft_comments")
    assert d.status == DeadlineStatus.window_closed
    assert d.days_late == 0  # a closed window is not lateness


def test_not_applicable_when_a_no_plan_decision_supersedes_the_plan():
    d = final_plan(events(("no_plan_decision_notified", "2024-12-02")), date(2025, 3, 1))
    assert d.status == DeadlineStatus.not_applicable
    assert "no_plan_decision_notified" in d.reason
    assert d.days_late is None


def test_not_computable_names_the_missing_event_and_guesses_nothing():
    ds = evaluate_deadlines(events(("final_plan_issued", "2025-02-10")), as_of=date(2025, 3, 1))
    d = of(ds, "ehc.final_plan")
    assert d.status == DeadlineStatus.not_computable
    assert "ehc_request_received" in d.reason
    assert d.due is None
    assert d.start is None
    assert d.days_late is None
    assert d.days_remaining is None


# ---------------------------------------------------------------------------------------------------------
# Exceptions
# ---------------------------------------------------------------------------------------------------------


def test_absence_from_the_area_zeroes_net_lateness_only():
    # reg 13(3) / 10(4)(d): plan 10 Feb 2025 is 14 days late raw; the absence overlaps the period: net 0.
    absent = {"type": "absent_from_area", "from": "2024-12-01", "to": "2025-01-10"}
    d = final_plan(events(("final_plan_issued", "2025-02-10")), date(2025, 3, 1), [absent])
    assert d.due == date(2025, 1, 27)
    assert d.days_late == 14
    assert d.days_late_net == 0
    assert d.exceptions == ["absent_from_area"]


def test_an_exception_type_the_rule_does_not_list_does_not_apply():
    # Missed appointments excuse only reg 8 advice, not reg 13(2).
    missed = {"type": "missed_appointment", "from": "2024-12-01", "to": "2024-12-01"}
    d = final_plan(events(("final_plan_issued", "2025-02-10")), date(2025, 3, 1), [missed])
    assert d.days_late == 14
    assert d.days_late_net == 14
    assert d.exceptions == []
    [finding] = d.exception_findings
    assert not finding.applied
    assert "provides no 'missed_appointment' exception" in finding.reason


def test_coronavirus_window_note():
    # SI 2020/471, 1 May - 25 Sep 2020. Request Mon 2 Mar 2020 + 20 weeks: +4 = 30 Mar, +8 = 27 Apr, +12 = 25 May,
    # +16 = 22 Jun, +20 = Mon 20 Jul 2020: overlaps the window.
    ds = evaluate_deadlines(events(("ehc_request_received", "2020-03-02")), as_of=date(2020, 8, 1))
    d = of(ds, "ehc.final_plan")
    assert d.due == date(2020, 7, 20)
    assert any("SI 2020/471" in note for note in d.notes)
    # Request 1 Mar 2021: no overlap, no note.
    ds = evaluate_deadlines(events(("ehc_request_received", "2021-03-01")), as_of=date(2021, 8, 1))
    assert not any("SI 2020/471" in note for note in of(ds, "ehc.final_plan").notes)


# ---------------------------------------------------------------------------------------------------------
# Dicts and values; bad input
# ---------------------------------------------------------------------------------------------------------


def test_dicts_and_values_give_the_same_result():
    as_dicts = evaluate_deadlines(
        [
            {"event": "ehc_request_received", "date": "2019-10-01"},
            {"event": "final_plan_issued", "date": "2021-02-15"},
            {"event": "tribunal_order_made", "date": "2025-02-03", "order": "name_school"},
        ],
        [{"type": "absent_from_area", "from": "2019-12-01", "to": "2020-01-10"}],
        as_of=date(2025, 3, 1),
    )
    as_values = evaluate_deadlines(
        [
            Event("ehc_request_received", date(2019, 10, 1)),
            Event("final_plan_issued", date(2021, 2, 15)),
            Event("tribunal_order_made", date(2025, 2, 3), {"order": "name_school"}),
        ],
        [ExceptionInterval("absent_from_area", date(2019, 12, 1), date(2020, 1, 10))],
        as_of=date(2025, 3, 1),
    )
    assert redress.deadlines_to_json(as_dicts) == redress.deadlines_to_json(as_values)
    # The case-format example: 1 Oct 2019 + 20 weeks = Tue 18 Feb 2020; plan 15 Feb 2021: 366 - 3 = 363 days.
    # The absence (1 Dec 2019 - 10 Jan 2020, 41 days, continuous, inside the period) covers 41: net 322.
    d = of(as_values, "ehc.final_plan")
    assert (d.due, d.days_late, d.days_late_net) == (date(2020, 2, 18), 363, 322)
    # reg 44 name_school: 3 Feb 2025 + 2 weeks = 17 Feb 2025.
    assert of(as_values, "tribunal.order.name_school").due == date(2025, 2, 17)


def test_a_bad_date_names_its_path():
    with pytest.raises(redress.InvalidInputError) as caught:
        evaluate_deadlines([{"event": "ehc_request_received", "date": "2024-02-30"}], as_of=date(2025, 1, 1))
    assert caught.value.field == "events[0].date"
    assert "events[0].date" in str(caught.value)


# ---------------------------------------------------------------------------------------------------------
# DfE timeliness
# ---------------------------------------------------------------------------------------------------------

# (authority, request, plan issued or None, exception); days counted by hand. Within 20 weeks = at most 140
# days; over a year = over 52 weeks (364 days); the year is that of issue.
PORTFOLIO = [
    ("Alpha", date(2023, 1, 2), date(2023, 5, 22), False),  # 140 days: within (2023)
    ("Alpha", date(2023, 1, 2), date(2023, 5, 23), False),  # 141: over 20 weeks (2023)
    ("Alpha", date(2022, 3, 1), date(2023, 3, 15), True),  # 365 + 14 = 379: over a year, exception (2023)
    ("Alpha", date(2023, 6, 1), None, False),  # not issued: left out
    ("Alpha", date(2023, 7, 3), date(2024, 3, 1), True),  # 184 + 58 = 242: over 20 weeks, exception (2024)
    ("Alpha", date(2024, 1, 8), date(2024, 4, 1), False),  # 23 + 29 + 31 + 1 = 84: within (2024)
    ("Beta", date(2023, 2, 6), date(2023, 6, 26), True),  # 140: within, exception (2023)
    ("Beta", date(2023, 2, 1), date(2023, 8, 1), False),  # 27 + 31 + 30 + 31 + 30 + 31 + 1 = 181: over (2023)
    ("Beta", date(2024, 1, 10), date(2024, 3, 20), False),  # 21 + 29 + 20 = 70: within (2024)
    ("Beta", date(2023, 1, 1), date(2024, 2, 15), False),  # 365 + 45 = 410: over a year (2024)
]


def portfolio_rows(limit_weeks=20):
    who, starts, done, exc = zip(*PORTFOLIO)
    return redress.timeliness(list(who), list(starts), list(done), list(exc), limit_weeks=limit_weeks)


def test_timeliness_hand_counted_portfolio():
    rows = portfolio_rows()
    assert [(r["la_name"], r["time_period"]) for r in rows] == [
        ("England", 2023),
        ("England", 2024),
        ("Alpha", 2023),
        ("Alpha", 2024),
        ("Beta", 2023),
        ("Beta", 2024),
    ]
    columns = [
        "plans_issued_den",
        "plans_issued_within_20_weeks",
        "plans_issued_gt20weeks_ltYear",
        "plans_issued_gt_1_year",
        "plans_issued_den_ex",
        "plans_issued_20_weeks_ex",
        "plans_issued_gt20weeks_ltYear_ex",
        "plans_issued_gt_1_year_ex",
    ]
    expected = [
        [5, 2, 2, 1, 3, 1, 2, 0],
        [4, 2, 1, 1, 3, 2, 0, 1],
        [3, 1, 1, 1, 2, 1, 1, 0],
        [2, 1, 1, 0, 1, 1, 0, 0],
        [2, 1, 1, 0, 1, 0, 1, 0],
        [2, 1, 0, 1, 2, 1, 0, 1],
    ]
    assert [[r[c] for c in columns] for r in rows] == expected
    # Percentages to one decimal: 2/5, 2/4, 1/3, 1/2, 1/2, 1/2 and, excluding exceptions, 1/3, 2/3, 1/2, 1/1,
    # 0/1, 1/2.
    assert [r["pc_plans_issued_within_20_weeks"] for r in rows] == pytest.approx([40.0, 50.0, 33.3, 50.0, 50.0, 50.0])
    assert [r["PC_plans_issued_20_weeks_ex"] for r in rows] == pytest.approx([33.3, 66.7, 50.0, 100.0, 0.0, 50.0])


def test_timeliness_percentages_over_20_weeks_and_over_a_year():
    # timeliness_20_week.csv (deadlines.md §6.3) also has the percentages over 20 weeks and over a year.
    # England 2023: over 20 weeks 2/5 = 40.0, over a year 1/5 = 20.0; excluding exceptions 2/3 = 66.7, 0/3 = 0.0.
    england_2023 = portfolio_rows()[0]
    assert england_2023["pc_plans_issued_gt20weeks_ltYear"] == pytest.approx(40.0)
    assert england_2023["pc_plans_issued_gt_1_year"] == pytest.approx(20.0)
    assert england_2023["PC_plans_issued_gt20weeks_ltYear_ex"] == pytest.approx(66.7)
    assert england_2023["PC_plans_issued_gt_1_year_ex"] == pytest.approx(0.0)


def test_timeliness_20_week_boundary_and_6_week_limit():
    # 2 Jan 2023 -> 22 May 2023 is exactly 140 days: within; 23 May (141) is not.
    rows = redress.timeliness(["A", "A"], [date(2023, 1, 2)] * 2, [date(2023, 5, 22), date(2023, 5, 23)])
    assert rows[0]["plans_issued_within_20_weeks"] == 1
    assert rows[0]["plans_issued_gt20weeks_ltYear"] == 1
    # reg 5's 6 weeks: 9 Sep 2024 -> 21 Oct is 42 days (within); 22 Oct is 43 (not).
    rows = redress.timeliness(
        ["A", "A"], [date(2024, 9, 9)] * 2, [date(2024, 10, 21), date(2024, 10, 22)], limit_weeks=6
    )
    assert rows[0]["la_name"] == "England"
    assert (rows[0]["den"], rows[0]["within_6_weeks"], rows[0]["over_6_weeks"]) == (2, 1, 1)
    assert rows[0]["pc_within_6_weeks"] == pytest.approx(50.0)


# ---------------------------------------------------------------------------------------------------------
# iCalendar and JSON
# ---------------------------------------------------------------------------------------------------------


def icalendar_deadlines():
    # As of 1 Jan 2025: reg 5 met (due 21 Oct 2024, closed); reg 13(2) pending (27 Jan 2025); the draft window
    # open (30 Dec 2024 + 14 = 13 Jan 2025); reg 25 overdue (1 Dec 2024 + 15 = 16 Dec 2024).
    return evaluate_deadlines(
        events(
            ("ehc_request_received", "2024-09-09"),
            ("assessment_decision_notified", "2024-10-14"),
            ("draft_plan_issued", "2024-12-30"),
            ("reassessment_request_received", "2024-12-01"),
        ),
        as_of=date(2025, 1, 1),
    )


def test_icalendar():
    ics = redress.to_icalendar(icalendar_deadlines(), "Case 24 000 001; Smith, J", date(2025, 1, 1))
    assert ics.startswith("BEGIN:VCALENDAR\r\n")
    assert ics.endswith("END:VCALENDAR\r\n")
    assert ics.count("BEGIN:VEVENT") == 3
    for due in ("20250127", "20250113", "20241216"):
        assert f"DTSTART;VALUE=DATE:{due}\r\n" in ics
    assert "20241021" not in ics  # the met reg 5 deadline is not an event
    physical = ics.split("\r\n")
    assert physical[-1] == ""
    for line in physical[:-1]:
        assert "\n" not in line
        assert "\r" not in line
        assert len(line.encode("utf-8")) <= 75, line
    text = ics.replace("\r\n ", "")  # RFC 5545 3.1 unfolding
    assert "SUMMARY:Case 24 000 001\\; Smith\\, J: Final EHC plan due\r\n" in text
    assert "(SEND Regulations 2014\\, reg 13(2))" in text
    assert "SEND Regulations 2014, reg" not in text


def test_deadlines_to_json():
    # Final plan without a request: due null. Review 12 months beginning with 10 Feb 2025 -> 9 Feb 2026.
    # Monitoring officer: due 22 Mar 2024, considered 25 Mar: 3 days late.
    ds = evaluate_deadlines(
        events(
            ("final_plan_issued", "2025-02-10"),
            ("monitoring_officer_report_sent", "2024-03-01"),
            ("report_considered", "2024-03-25"),
        ),
        as_of=date(2025, 3, 1),
    )
    entries = json.loads(redress.deadlines_to_json(ds))
    assert len(entries) == len(ds)
    for entry in entries:
        assert {"rule", "source", "due", "status", "days_late"} <= entry.keys()
    by_rule = {e["rule"]: e for e in entries}
    assert by_rule["ehc.final_plan"]["due"] is None
    assert by_rule["ehc.final_plan"]["status"] == "not_computable"
    assert by_rule["ehc.final_plan"]["source"] == "SEND Regulations 2014, reg 13(2)"
    assert (by_rule["review.annual"]["due"], by_rule["review.annual"]["status"]) == ("2026-02-09", "pending")
    assert by_rule["mo.report_considered"]["days_late"] == 3
    assert by_rule["mo.report_considered"]["status"] == "met_late"


# ---------------------------------------------------------------------------------------------------------
# evaluate_rule: columns of dates
# ---------------------------------------------------------------------------------------------------------

AS_OF = date(2025, 6, 30)


@pytest.mark.parametrize(
    ("rule_id", "start_event", "met_event", "tracked_without_met"),
    [
        ("ehc.final_plan", "ehc_request_received", "final_plan_issued", True),  # 20 weeks
        ("lgo.response", "report_received", "response_to_ombudsman", True),  # 3 months beginning with
        ("complaint.stage1_acknowledge", "complaint_to_council", "complaint_acknowledged", False),  # 5 WD
    ],
)
def test_evaluate_rule_agrees_with_the_case_engine(rule_id, start_event, met_event, tracked_without_met):
    rng = random.Random(rule_id)
    n = 3000
    rule = RuleCatalogue.standard().rule(rule_id)
    first, last = date(2015, 1, 1).toordinal(), date(2035, 12, 31).toordinal()
    starts = [date.fromordinal(rng.randint(first, last)) for _ in range(n)]
    mets = [s + datetime.timedelta(days=rng.randint(0, 250)) if rng.random() < 0.5 else None for s in starts]
    due, status, late = evaluate_rule(
        rule, np.array(starts, dtype="datetime64[D]"), np.array(mets, dtype="datetime64[D]"), as_of=AS_OF
    )
    assert due.dtype == np.dtype("datetime64[D]")
    assert len(due) == len(status) == len(late) == n
    for i, (s, m) in enumerate(zip(starts, mets)):
        expected = period_end(s, rule.length, rule.unit, rule.counting, EW, SCHOOL)
        assert due[i] == np.datetime64(expected), s
        if m is not None:
            want = (DeadlineStatus.met_late, (m - expected).days) if m > expected else (DeadlineStatus.met_on_time, 0)
        elif expected >= AS_OF:
            want = (DeadlineStatus.pending, 0)
        else:
            want = (DeadlineStatus.overdue, (AS_OF - expected).days)
        assert (status[i], late[i]) == want, s
        if i % 10:
            continue
        case = [Event(start_event, s)] + ([Event(met_event, m)] if m is not None else [])
        ds = evaluate_deadlines(case, as_of=AS_OF, catalogue=CODE_ANY_DATE)
        if m is None and not tracked_without_met:
            assert rule_id not in rules(ds)
            continue
        d = of(ds, rule_id)
        assert (d.due, int(d.status), d.days_late or 0) == (expected, status[i], late[i]), s


def test_evaluate_rule_missing_starts():
    # reg 13(2): 9 Sep 2024 -> 27 Jan 2025; NaT gives NaT and not_computable.
    due, status, _ = evaluate_rule(
        RuleCatalogue.standard().rule("ehc.final_plan"),
        np.array(["2024-09-09", "NaT"], dtype="datetime64[D]"),
        as_of=date(2025, 1, 1),
    )
    assert due[0] == np.datetime64("2025-01-27")
    assert np.isnat(due[1])
    assert status[0] == DeadlineStatus.pending
    assert status[1] == DeadlineStatus.not_computable
    with pytest.raises(redress.NotComputableError):
        evaluate_rule(RuleCatalogue.standard().rule("tribunal.order.as_made_2014"), [date(2015, 1, 15)], as_of=AS_OF)


def test_deadline_of_carries_the_rule_and_its_caveats():
    # s.30(5) is marked unconfirmed in the catalogue (deadlines.md section 3, O5 [?]): the bare deadline says so.
    rule = redress.RuleCatalogue.standard().rule("lgo.public_notice")
    d = redress.deadline_of(rule)
    assert d.rule == "lgo.public_notice"
    assert d.source == "Local Government Act 1974, s.30(5)"
    assert d.evidence == redress.Evidence.unconfirmed
    assert any("unconfirmed" in n for n in d.notes)
    assert d.due is None


# ---------------------------------------------------------------------------------------------------------
# Issue 12: the law re-read
# ---------------------------------------------------------------------------------------------------------


def test_reg10_4d_a_three_day_absence_is_not_applied_and_says_why():
    # reg 10(4)(d) via reg 13(3): absence "for a continuous period of not less than 4 weeks" during the period.
    # Plan 10 Feb 2025 is 14 days late (due 27 Jan); absent 1-3 Dec 2024 only: not applied, net 14.
    absent = {"type": "absent_from_area", "from": "2024-12-01", "to": "2024-12-03"}
    d = final_plan(events(("final_plan_issued", "2025-02-10")), date(2025, 3, 1), [absent])
    assert d.days_late_net == 14
    assert d.exceptions == []
    [finding] = d.exception_findings
    assert isinstance(finding, redress.ExceptionFinding)
    assert (finding.type, finding.start, finding.end) == ("absent_from_area", date(2024, 12, 1), date(2024, 12, 3))
    assert not finding.applied
    assert finding.days_covered == 0
    assert "not less than 4 weeks (28 days)" in finding.reason
    assert any("not applied" in n for n in d.notes)
    exported = json.loads(redress.deadlines_to_json([d]))[0]["exception_findings"]
    assert exported[0]["applied"] is False


def test_net_lateness_subtracts_only_the_days_covered():
    # reg 10(4)(c): plan Wed 26 Feb 2025, 30 days after the due date (27 Jan); circumstances 6-19 Jan 2025 (14
    # days, all inside the period): net 30 - 14 = 16.
    epc = {"type": "exceptional_personal_circumstances", "from": "2025-01-06", "to": "2025-01-19"}
    d = final_plan(events(("final_plan_issued", "2025-02-26")), date(2025, 3, 1), [epc])
    assert (d.days_late, d.days_late_net) == (30, 16)
    assert d.exception_findings[0].days_covered == 14


def test_reg10_4a_closure_needs_advice_requested_in_the_window():
    # Request Mon 3 Jun 2024 -> 20 weeks: Mon 21 Oct 2024; plan 4 Nov: 14 days late. Closed 23 Jul - 3 Sep 2024,
    # re-opening 4 Sep: advice must be requested 16 Jul - 28 Aug. Requested 10 Jul: not applied.
    closure = {"type": "school_closure", "from": "2024-07-23", "to": "2024-09-03"}
    case = events(
        ("ehc_request_received", "2024-06-03"), ("advice_requested", "2024-07-10"), ("final_plan_issued", "2024-11-04")
    )
    d = of(evaluate_deadlines(case, [closure], as_of=date(2024, 12, 1)), "ehc.final_plan")
    assert (d.days_late, d.days_late_net) == (14, 14)
    assert "2024-07-16 and 2024-08-28" in d.exception_findings[0].reason


def test_devon_amendment_notice_meets_the_review_decision():
    # R (L, M & P) v Devon CC [2022] EWHC 493 (Admin): meeting Mon 10 Mar 2025 -> reg 20(10) due Mon 7 Apr 2025;
    # the amendment notice of Fri 4 Apr 2025 is the notification of the decision: met on time.
    ds = evaluate_deadlines(
        events(("review_meeting_held", "2025-03-10"), ("amendment_notice_sent", "2025-04-04")), as_of=date(2025, 5, 1)
    )
    d = of(ds, "review.decision")
    assert d.status == DeadlineStatus.met_on_time
    assert d.met_event == "amendment_notice_sent"


def test_reg27_2_own_motion_reassessment():
    # reg 27(2): 14 weeks from the authority's own decision under s.44(3), Wed 1 Oct 2025: 98 days = 30 (to 31
    # Oct) + 30 + 31 + 7 -> Wed 7 Jan 2026.
    d = of(
        evaluate_deadlines(events(("reassessment_decided_own_motion", "2025-10-01")), as_of=date(2025, 12, 1)),
        "reassessment.final_plan",
    )
    assert d.due == date(2026, 1, 7)
    assert d.source == "SEND Regulations 2014, reg 27(2) (exceptions: reg 27(3))"


def test_reg45_unopposed_appeal_and_reg44_2b_i():
    # reg 45(3A)(b) as substituted: final plan within 14 weeks of notifying the Tribunal, Mon 2 Jun 2025: 98 days
    # = 28 + 31 + 31 + 8 -> Mon 8 Sep 2025. reg 44(2)(b)(i): no-plan notice within 10 weeks of an order to assess
    # made Mon 6 Jan 2025: 70 days = 25 + 28 + 17 -> Mon 17 Mar 2025.
    ds = evaluate_deadlines(events(("appeal_not_opposed", "2025-06-02"), appeal="assess"), as_of=date(2025, 6, 10))
    assert of(ds, "tribunal.unopposed.final_plan").due == date(2025, 9, 8)
    ds = evaluate_deadlines(
        [
            {"event": "tribunal_order_made", "date": "2025-01-06", "order": "assess"},
            {"event": "no_plan_decision_notified", "date": "2025-03-17"},
        ],
        as_of=date(2025, 4, 1),
    )
    d = of(ds, "tribunal.order.assess_no_plan")
    assert (d.due, d.status) == (date(2025, 3, 17), DeadlineStatus.met_on_time)


def test_s31_2A_reading_is_a_setting():
    # Default: the further three months begin the day after the s.31(2) period ends (15 Sep 2022): due 15 Dec 2022.
    # s31_2A_day_after = 0: 15 Sep is day 1: due 14 Dec 2022.
    assert RuleCatalogue.standard().settings["s31_2A_day_after"] == 1
    last_day = RuleCatalogue.standard().with_setting("s31_2A_day_after", 0)
    case = events(("report_received", "2022-06-16"))
    assert of(evaluate_deadlines(case, as_of=date(2022, 10, 1)), "lgo.further_response").due == date(2022, 12, 15)
    assert of(evaluate_deadlines(case, as_of=date(2022, 10, 1), catalogue=last_day), "lgo.further_response").due == (
        date(2022, 12, 14)
    )
    with pytest.raises(redress.InvalidInputError):
        RuleCatalogue.standard().with_setting("s31_2A_day_after", 2)


def test_s30_4_inspection_from_the_date_the_notice_specifies():
    # s.30(4)-(5): three weeks beginning with the date the notice names, Mon 4 Jul 2022: last day Sun 24 Jul 2022.
    case = events(("public_notice_given", "2022-06-24"), ("inspection_period_began", "2022-07-04"))
    assert of(evaluate_deadlines(case, as_of=date(2022, 7, 1)), "lgo.public_inspection").due == date(2022, 7, 24)


def test_complaint_code_from_april_2026_and_a_councils_own_table():
    # The Code applies from 1 April 2026 by default: a complaint of 3 Mar 2025 has no Code deadline.
    case = events(
        ("complaint_to_council", "2025-03-03"),
        ("complaint_acknowledged", "2025-03-05"),
        ("stage1_response_sent", "2025-04-02"),
    )
    assert "complaint.stage1_response" not in rules(evaluate_deadlines(case, as_of=date(2025, 5, 1)))
    # A council publishing 20 WD from acknowledgement (Wed 5 Mar 2025): Thu 6 (1), Fri 7 (2), 10-14 (3-7),
    # 17-21 (8-12), 24-28 (13-17), Mon 31 (18), Tue 1 Apr (19), Wed 2 Apr 2025 (20): on time.
    table = redress.complaint_procedures_from_json(
        {
            "format": "redress.complaint_procedures/1",
            "procedures": [{"authority": "Example Council", "stage1_response_days": 20, "from": "2019-04-01"}],
        }
    )
    procedure = redress.find_procedure(table, "Example Council")
    assert procedure.settings == {"stage1_response_days": 20}
    assert procedure.start == date(2019, 4, 1)
    assert redress.find_procedure(table, "Nowhere") is None
    council = RuleCatalogue.standard().with_procedure(procedure)
    d = of(evaluate_deadlines(case, as_of=date(2025, 5, 1), catalogue=council), "complaint.stage1_response")
    assert (d.due, d.status) == (date(2025, 4, 2), DeadlineStatus.met_on_time)
    assert d.source == "Example Council's complaint procedure, stage1_response_days = 20"
    direct = RuleCatalogue.standard().with_procedure(
        redress.ComplaintProcedure("Example Council", {"stage1_response_days": 20})
    )
    assert of(evaluate_deadlines(case, as_of=date(2025, 5, 1), catalogue=direct), "complaint.stage1_response").due == (
        date(2025, 4, 2)
    )
    assert RuleCatalogue.standard().with_complaint_code_from(date(2020, 1, 1)).rule(
        "complaint.stage1_response"
    ).in_force_from == (date(2020, 1, 1))


def _rule(rule_id, start):
    return {
        "id": rule_id,
        "title": rule_id,
        "source": {"instrument": "test", "provision": rule_id},
        "evidence": "verified",
        "start": start,
        "length": 5,
        "unit": "days",
    }


def test_a_catalogue_whose_rules_count_from_one_another_in_a_cycle_is_refused_when_read():
    # Evaluating "a" followed a -> b -> a until the process ran out of stack (a segmentation fault).
    doc = {
        "format": "redress.rules/1",
        "rules": [_rule("a", {"rule": "b"}), _rule("b", {"rule": "a"}), _rule("c", {"event": "ehc_request_received"})],
    }
    with pytest.raises(redress.InvalidInputError) as e:
        RuleCatalogue.from_json(doc)
    assert e.value.field == "rules[1].start.rule"
    assert e.value.value == "a"
    assert "a -> b -> a" in str(e.value)


def test_a_catalogue_rule_counting_from_a_rule_it_lacks_is_refused_when_read():
    # It was read, and then every case's evaluation failed on it. "ab" is one edit from "a": a misspelling.
    doc = {
        "format": "redress.rules/1",
        "rules": [_rule("a", {"event": "ehc_request_received"}), _rule("b", {"rule": "ab"})],
    }
    with pytest.raises(redress.InvalidInputError) as e:
        RuleCatalogue.from_json(doc)
    assert (e.value.field, e.value.value) == ("rules[1].start.rule", "ab")
    assert str(e.value).endswith(
        'a rule counts only from the due date of another rule of the same catalogue; did you mean "a"?'
    )


def test_a_chain_of_rules_is_followed_to_its_due_date():
    # c counts 5 days from the request; b 5 days from c's due date; a 5 days from b's: 15 days in all.
    doc = {
        "format": "redress.rules/1",
        "rules": [_rule("a", {"rule": "b"}), _rule("b", {"rule": "c"}), _rule("c", {"event": "ehc_request_received"})],
    }
    catalogue = RuleCatalogue.from_json(doc)
    ds = evaluate_deadlines(
        [{"event": "ehc_request_received", "date": datetime.date(2024, 1, 1)}],
        as_of=datetime.date(2025, 1, 1),
        catalogue=catalogue,
    )
    assert {d.rule: d.due for d in ds}["a"] == datetime.date(2024, 1, 16)
