#include "redress/io.hpp"

#include <algorithm>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <utility>
#include <vector>

#include "detail/json_read.hpp"
#include "detail/report_json.hpp"
#include "redress/error.hpp"

namespace redress {

using detail::Json;

namespace {

Json canonical(const Case& c) {
  Json doc = Json::object();
  doc["format"] = "redress.case/1";
  if (c.reference) doc["reference"] = c.reference->str();
  if (!c.id.empty()) doc["id"] = c.id;
  if (!c.authority.empty()) doc["authority"] = c.authority;
  if (!c.category.empty()) doc["category"] = c.category;
  if (c.outcome) doc["outcome"] = std::string(to_string(*c.outcome));
  if (c.finding) doc["finding"] = std::string(to_string(*c.finding));
  doc["public_report"] = c.public_report;
  if (!c.faults.empty()) doc["faults"] = c.faults;
  if (!c.dates.empty()) {
    Json dates = Json::object();
    for (const auto& [k, v] : c.dates) dates[k] = iso(v);
    doc["dates"] = dates;
  }
  if (c.remedy) doc["remedy"] = Json::parse(remedy_to_json(*c.remedy));
  if (!c.recommendations.empty()) {
    Json list = Json::array();
    for (const Recommendation& r : c.recommendations) {
      Json item = {{"kind", r.kind}};
      if (!r.due.empty()) item["due"] = r.due;  // nothing is written that the case did not say
      if (r.status) item["status"] = std::string(to_string(*r.status));
      if (!r.text.empty()) item["text"] = r.text;
      if (r.completed) item["completed"] = iso(*r.completed);
      list.push_back(item);
    }
    doc["recommendations"] = list;
  }
  if (!c.send.events.empty() || !c.send.exceptions.empty() || c.exceptions_apply) {
    Json events = Json::array();
    for (const Event& e : c.send.events) {
      Json item = {{"event", e.name}, {"date", iso(e.date)}};
      for (const auto& [k, v] : e.fields) item[k] = v;
      events.push_back(item);
    }
    Json exceptions = Json::array();
    for (const ExceptionInterval& x : c.send.exceptions) {
      exceptions.push_back({{"type", x.type}, {"from", iso(x.from)}, {"to", iso(x.to)}});
    }
    doc["send"] = {{"events", events}, {"exceptions", exceptions}};
    if (c.exceptions_apply) doc["send"]["exceptions_apply"] = *c.exceptions_apply;
  }
  return doc;
}

// The written document: `ours` over `theirs`, keeping what only `theirs` has, at any depth.
Json merge(const Json& theirs, const Json& ours) {
  if (theirs.is_object() && ours.is_object()) {
    Json out = theirs;
    for (const auto& [k, v] : ours.items()) out[k] = theirs.contains(k) ? merge(theirs[k], v) : v;
    return out;
  }
  // The model keeps an event's extra fields as text: where ours is just their value written out, theirs stands.
  if (ours.is_string() && !theirs.is_string() && !theirs.is_null() && ours.get<std::string>() == theirs.dump()) {
    return theirs;
  }
  if (theirs.is_array() && ours.is_array() && theirs.size() == ours.size()) {
    Json out = Json::array();
    for (std::size_t i = 0; i < ours.size(); ++i) out.push_back(merge(theirs[i], ours[i]));
    return out;
  }
  return ours;
}

}  // namespace

CaseFile read_case(std::string_view json, const std::string& prefix) {
  CaseFile file;
  detail::thread_reader().read(json, 0, file.value, prefix);
  // The document, for writing unknown fields back. The reader has checked it all (its depth is bounded, no key
  // appears twice, every number is in range), so nlohmann's recursive parser is safe on it.
  file.document = std::make_shared<const Json>(Json::parse(json.begin(), json.end()));
  return file;
}

std::vector<CaseFault> check_case(std::string_view json, std::optional<Date> as_of) {
  std::vector<CaseFault> faults;
  Case c;
  detail::thread_reader().read(json, 0, c, "", &faults);
  if (!faults.empty()) return faults;
  auto warn = [&](std::string kind, std::string path, std::string value, std::string message) {
    CaseFault f;
    f.severity = CaseFault::Severity::warning;
    f.kind = std::move(kind);
    f.path = std::move(path);
    f.value = std::move(value);
    f.message = std::move(message);
    faults.push_back(std::move(f));
  };
  // A final plan before the request that started it: the deadlines would count it as on time.
  std::optional<Date> request;
  for (const Event& e : c.send.events) {
    if (e.name == "ehc_request_received" && (!request || e.date < *request)) request = e.date;
  }
  for (std::size_t i = 0; i < c.send.events.size(); ++i) {
    const Event& e = c.send.events[i];
    if (request && (e.name == "final_plan_issued" || e.name == "draft_plan_issued") && e.date < *request) {
      const std::string path = "send.events[" + std::to_string(i) + "].date";
      warn("timeline", path, iso(e.date),
           path + ": " + iso(e.date) + ": the " + (e.name == "final_plan_issued" ? "final" : "draft") +
               " plan is dated before the EHC needs assessment request (" + iso(*request) + ")");
    }
  }
  if (c.remedy) {
    try {
      RemedyOptions options;
      options.final_decision = c.date("final_decision");
      options.as_of = as_of ? *as_of : Date(boost::gregorian::day_clock::local_day());
      const RemedyBreakdown b = calculate(*c.remedy, options);
      for (const AuditFinding& a : b.audit) {
        warn("audit", a.path, a.stated.to_decimal(), a.path + ": " + a.message);
      }
      for (const RemedyLine& line : b.lines) {
        for (const std::string& w : line.warnings) warn("remedy", line.path, "", line.path + ": " + w);
      }
    } catch (const Error& e) {
      CaseFault f;
      f.kind = "not_computable";
      f.path = e.field();
      f.value = e.value();
      f.message = e.what();
      faults.push_back(std::move(f));
    }
  }
  return faults;
}

std::string write_case(const CaseFile& file) {
  return merge(file.document ? *file.document : Json::object(), canonical(file.value)).dump();
}

std::string case_report_to_json(const Case& c, const CaseReport& report) {
  return detail::case_report_json(c, report).dump();
}

Json detail::case_report_json(const Case& c, const CaseReport& report) {
  Json doc = Json::object();
  doc["reference"] = c.reference ? Json(c.reference->str()) : Json(nullptr);
  if (!c.id.empty()) doc["id"] = c.id;
  doc["authority"] = c.authority;
  if (report.remedy) {
    Json remedy = detail::breakdown_json(*report.remedy);
    doc["total"] = remedy["total"];
    doc["remedy"] = remedy;
    doc["lines"] = remedy["lines"];
    doc["warnings"] = remedy["warnings"];
    doc["audit"] = remedy["audit"];
  } else {
    doc["total"] = "0.00";
    doc["lines"] = Json::array();
    doc["warnings"] = Json::array();
    doc["audit"] = Json::array();
  }
  doc["deadlines"] = detail::deadlines_json(report.deadlines);
  Json recs = Json::array();
  for (const RecommendationState& r : report.recommendations) {
    recs.push_back(
        {{"path", r.path},
         {"kind", r.recommendation.kind},
         {"text", r.recommendation.text},
         {"status", r.recommendation.status ? Json(std::string(to_string(*r.recommendation.status))) : Json(nullptr)},
         {"due", r.due ? Json(iso(*r.due)) : Json(nullptr)},
         {"overdue", r.overdue},
         {"days_overdue", r.days_overdue ? Json(*r.days_overdue) : Json(nullptr)},
         {"reason", r.reason}});
  }
  doc["recommendations"] = recs;
  doc["recommendations_overdue"] = report.recommendations_overdue;
  return doc;
}

}  // namespace redress
