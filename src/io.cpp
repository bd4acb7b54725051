#include "redress/io.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "detail/json_read.hpp"
#include "detail/remedy_json.hpp"
#include "redress/error.hpp"

namespace redress {

using detail::Json;

namespace {

const std::vector<std::string> kDateNames = {"first_aware", "complaint_to_council", "complaint_to_ombudsman",
                                             "final_decision", "report_received"};
const std::vector<std::string> kExceptionTypes = {"school_closure", "exceptional_personal_circumstances",
                                                  "absent_from_area", "missed_appointment", "coronavirus"};

template <typename F>
auto at(const std::string& path, F f) -> decltype(f()) {
  try {
    return f();
  } catch (const InvalidInput& e) {
    throw InvalidInput(e.field().rfind(path, 0) == 0 ? e.field() : path, e.value(), e.rule());
  } catch (const OutOfRange& e) {
    throw OutOfRange(e.field().rfind(path, 0) == 0 ? e.field() : path, e.value(), e.rule());
  }
}

std::string in(const std::string& prefix, const std::string& path) {
  return prefix.empty() ? path : prefix + "." + path;
}

bool in_list(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

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
  auto parsed = std::make_shared<Json>(detail::parse_json(json, prefix.empty() ? "case" : prefix));
  const Json& doc = *parsed;
  detail::require_object(doc, prefix);
  detail::check_fields(doc,
                       {"format", "reference", "id", "authority", "category", "outcome", "finding", "public_report",
                        "faults", "dates", "remedy", "recommendations", "send", "notes"},
                       prefix);
  const std::string format = detail::require_string(doc, "format", prefix);
  if (format != "redress.case/1") throw InvalidInput(in(prefix, "format"), format, "is not \"redress.case/1\"");
  Case c;
  c.id = detail::optional_string(doc, "id", prefix);
  if (doc.contains("id") && c.id.find_first_not_of(" \t") == std::string::npos) {
    throw InvalidInput(in(prefix, "id"), c.id, "must not be empty: the council's own case or child identifier");
  }
  if (c.id.empty() || doc.contains("reference")) {  // the reference is required unless the case has an id
    c.reference =
        at(in(prefix, "reference"), [&] { return CaseReference(detail::require_string(doc, "reference", prefix)); });
  }
  c.authority = detail::optional_string(doc, "authority", prefix);
  c.category = detail::optional_string(doc, "category", prefix);
  if (doc.contains("outcome")) {
    c.outcome = parse_outcome(detail::require_string(doc, "outcome", prefix), in(prefix, "outcome"));
  }
  if (doc.contains("finding")) {
    c.finding = parse_finding(detail::require_string(doc, "finding", prefix), in(prefix, "finding"));
  }
  if (doc.contains("public_report")) {
    if (!doc["public_report"].is_boolean()) {
      throw InvalidInput(in(prefix, "public_report"), detail::show(doc["public_report"]), "must be true or false");
    }
    c.public_report = doc["public_report"].get<bool>();
  }
  if (doc.contains("faults")) {
    const Json& faults = detail::require_array(doc, "faults", prefix);
    for (std::size_t i = 0; i < faults.size(); ++i) {
      const std::string path = in(prefix, "faults[" + std::to_string(i) + "]");
      if (!faults[i].is_string() || !in_list(fault_kinds(), faults[i].get<std::string>())) {
        std::string known;
        for (const std::string& k : fault_kinds()) known += (known.empty() ? "" : ", ") + k;
        throw InvalidInput(path, detail::show(faults[i]), "is not a fault kind: " + known);
      }
      c.faults.push_back(faults[i].get<std::string>());
    }
  }
  if (doc.contains("dates")) {
    const Json& dates = detail::require(doc, "dates", prefix);
    detail::require_object(dates, in(prefix, "dates"));
    detail::check_fields(
        dates, {"first_aware", "complaint_to_council", "complaint_to_ombudsman", "final_decision", "report_received"},
        in(prefix, "dates"));
    for (const auto& [k, v] : dates.items()) {
      const std::string path = in(prefix, "dates." + k);
      if (!v.is_string()) throw InvalidInput(path, detail::show(v), "must be a date written YYYY-MM-DD");
      c.dates[k] = parse_date(v.get<std::string>(), path);
    }
  }
  if (doc.contains("remedy")) {
    const std::string path = in(prefix, "remedy");
    c.remedy = detail::remedy_from(doc["remedy"], path);
  }
  if (doc.contains("recommendations")) {
    const Json& list = detail::require_array(doc, "recommendations", prefix);
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string path = in(prefix, "recommendations[" + std::to_string(i) + "]");
      const Json& item = list[i];
      detail::require_object(item, path);
      detail::check_fields(item, {"kind", "text", "due", "status", "completed"}, path);
      Recommendation r;
      r.kind = detail::require_string(item, "kind", path);
      r.text = detail::optional_string(item, "text", path);
      r.due = detail::optional_string(item, "due", path);
      if (item.contains("status")) {
        r.status = parse_recommendation_status(detail::require_string(item, "status", path), path + ".status");
      }
      if (item.contains("completed")) r.completed = detail::require_date(item, "completed", path);
      if (!r.due.empty()) {  // check the form now; the date itself needs the final decision
        try {
          recommendation_due(r, c.date("final_decision"), path);
        } catch (const NotComputable&) {
        }
      }
      c.recommendations.push_back(std::move(r));
    }
  }
  if (doc.contains("send")) {
    const std::string spath = in(prefix, "send");
    const Json& send = doc["send"];
    detail::require_object(send, spath);
    detail::check_fields(send, {"events", "exceptions", "exceptions_apply"}, spath);
    if (send.contains("exceptions_apply")) {
      if (!send["exceptions_apply"].is_boolean()) {
        throw InvalidInput(spath + ".exceptions_apply", detail::show(send["exceptions_apply"]),
                           "must be true or false");
      }
      c.exceptions_apply = send["exceptions_apply"].get<bool>();
    }
    if (send.contains("events")) {
      const Json& list = detail::require_array(send, "events", spath);
      for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string path = spath + ".events[" + std::to_string(i) + "]";
        detail::require_object(list[i], path);
        Event e{detail::require_string(list[i], "event", path), detail::require_date(list[i], "date", path), {}};
        for (const auto& [k, v] : list[i].items()) {
          if (k != "event" && k != "date") e.fields[k] = detail::show(v);
        }
        c.send.events.push_back(std::move(e));
      }
    }
    if (send.contains("exceptions")) {
      const Json& list = detail::require_array(send, "exceptions", spath);
      for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string path = spath + ".exceptions[" + std::to_string(i) + "]";
        detail::require_object(list[i], path);
        detail::check_fields(list[i], {"type", "from", "to"}, path);
        ExceptionInterval x{detail::require_string(list[i], "type", path), detail::require_date(list[i], "from", path),
                            detail::require_date(list[i], "to", path)};
        if (!in_list(kExceptionTypes, x.type)) {
          throw InvalidInput(path + ".type", x.type,
                             "is not an exception type: school_closure, exceptional_personal_circumstances, "
                             "absent_from_area, missed_appointment (or coronavirus)");
        }
        if (x.to < x.from) throw InvalidInput(path + ".to", iso(x.to), "is before the interval's start " + iso(x.from));
        c.send.exceptions.push_back(std::move(x));
      }
    }
  }
  return {std::move(c), std::move(parsed)};
}

std::string write_case(const CaseFile& file) {
  return merge(file.document ? *file.document : Json::object(), canonical(file.value)).dump();
}

std::string case_report_to_json(const Case& c, const CaseReport& report) {
  Json doc = Json::object();
  doc["reference"] = c.reference ? Json(c.reference->str()) : Json(nullptr);
  if (!c.id.empty()) doc["id"] = c.id;
  doc["authority"] = c.authority;
  if (report.remedy) {
    Json remedy = Json::parse(breakdown_to_json(*report.remedy));
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
  doc["deadlines"] = Json::parse(deadlines_to_json(report.deadlines));
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
  return doc.dump();
}

}  // namespace redress
