// The evaluations with the text left out: the batch's rows need the figures only, so it asks for no explanation
// strings (the public functions always explain). The figures, errors and audit are the same either way.
#pragma once

#include <vector>

#include "redress/complaint.hpp"
#include "redress/deadlines.hpp"
#include "redress/remedy.hpp"

namespace redress::detail {

RemedyBreakdown calculate(const Remedy& remedy, const RemedyOptions& options, bool explain);
std::vector<Deadline> evaluate_deadlines(const Timeline& timeline, const DeadlineOptions& options, bool explain);

// The deadlines part of evaluate_case (the case's SEND events and dates, the public-report duties only for a
// public report) into `out`, replacing what it held. Its elements and their strings are recycled through a pool
// of this thread, so a caller that passes the same vector for every case allocates nothing once the pool is
// warm. Without `explain` the text is left out (title, source, url, notes, reason, explanation and the findings'
// reasons stay empty); the figures and errors are the same either way.
// `skip_by_mask` false runs every rule in full (the tests compare the two).
void evaluate_case_deadlines(const Case& c, const CaseOptions& options, bool explain, std::vector<Deadline>& out,
                             bool skip_by_mask = true);
CaseReport evaluate_case(const Case& c, const CaseOptions& options, bool explain);

}  // namespace redress::detail
