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
CaseReport evaluate_case(const Case& c, const CaseOptions& options, bool explain);

}  // namespace redress::detail
