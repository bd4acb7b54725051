// The JSON documents of a breakdown, a list of deadlines and a case report as nlohmann values, for callers that
// put one inside another (the case report, the batch's --detail rows): the public *_to_json functions dump these,
// and nothing is written out and parsed back on the way.
#pragma once

#include <vector>

#include "detail/json_read.hpp"
#include "redress/complaint.hpp"

namespace redress::detail {

Json breakdown_json(const RemedyBreakdown& breakdown);
Json deadlines_json(const std::vector<Deadline>& deadlines);
Json case_report_json(const Case& c, const CaseReport& report);

}  // namespace redress::detail
