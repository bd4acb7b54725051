// Reference data from data/, compiled into the library so that it never depends on files at run time.
#pragma once

#include <string_view>

namespace redress::detail {
extern const std::string_view kEnglandAndWalesHolidays;  // data/bank_holidays/england-and-wales.json
extern const std::string_view kSchoolCalendarHampshire;  // data/school_calendars/hampshire.json
extern const std::string_view kGuidanceLostProvision;
extern const std::string_view kRuleCatalogue;  // data/rules/catalogue.json
                                               // data/guidance/lgsco-lost-provision.json
}  // namespace redress::detail
