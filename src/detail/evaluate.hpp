// The evaluations with the text left out: the batch's rows need the figures only, so it asks for no explanation
// strings (the public functions always explain). The figures, errors and audit are the same either way.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "redress/complaint.hpp"
#include "redress/deadlines.hpp"
#include "redress/remedy.hpp"

namespace redress::detail {

// What the batch needs of a remedy: its total and the amount of each kind (a payment's kind by its PaymentKind
// value, lost provision after them), worked out by the same calculation as calculate() with the same errors.
struct RemedyFigures {
  static constexpr std::size_t kLostProvision = 7;
  static constexpr std::size_t kKinds = 8;
  Money total;
  std::array<Money, kKinds> by_kind{};
  unsigned present = 0;  // bit k: the remedy has a line of kind k (its amount may be zero)
};
// The kind's name as the breakdown's by_kind gives it ("distress", ..., "lost_provision").
std::string_view kind_name(std::size_t kind);

RemedyBreakdown calculate(const Remedy& remedy, const RemedyOptions& options, bool explain);
// calculate() without a breakdown: no lines, texts, warnings or audit, and nothing allocated.
void remedy_figures(const Remedy& remedy, const RemedyOptions& options, RemedyFigures& figures);

std::vector<Deadline> evaluate_deadlines(const Timeline& timeline, const DeadlineOptions& options, bool explain);

// The deadlines part of evaluate_case (the case's SEND events and dates, the public-report duties only for a
// public report) into `out`, replacing what it held. Its elements and their strings are recycled through a pool
// of this thread, so a caller that passes the same vector for every case allocates nothing once the pool is
// warm. Without `explain` the text is left out (title, source, url, notes, reason, explanation and the findings'
// reasons stay empty); the figures and errors are the same either way. On an error `out` is left empty.
// `skip_by_mask` false runs every rule in full (the tests compare the two).
void evaluate_case_deadlines(const Case& c, const CaseOptions& options, bool explain, std::vector<Deadline>& out,
                             bool skip_by_mask = true);
// With `figures`, the remedy is worked out into it (report.remedy stays empty) and, when `explain` is false, the
// recommendations are only counted (report.recommendations stays empty; recommendations_overdue is set). With
// `deadlines`, the deadlines go there (a vector the caller reuses) instead of into report.deadlines.
CaseReport evaluate_case(const Case& c, const CaseOptions& options, bool explain, RemedyFigures* figures = nullptr,
                         std::vector<Deadline>* deadlines = nullptr);

// A recommendation's `due` as a period, "N days|weeks|months" with N of one to four digits: true with the number
// and the unit, false for any other text.
bool due_period(std::string_view due, int& n, Unit& unit);

// A named school calendar ("default", "hampshire") without a copy; InvalidInput for another name.
const SchoolCalendar& named_school_calendar(std::string_view name);

}  // namespace redress::detail
