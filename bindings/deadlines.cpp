// The deadlines layer for Python: the rule catalogue, case timelines, DfE timeliness, iCalendar and the
// vectorised evaluation of one rule over numpy columns (GIL released).
#include <pybind11/native_enum.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "date_caster.hpp"
#include "redress/deadlines.hpp"
#include "redress/error.hpp"

namespace py = pybind11;

namespace redress::python {
namespace {

Date date_from(const py::handle& value, const std::string& field) {
  if (py::isinstance<py::str>(value)) return parse_date(value.cast<std::string>(), field);
  return value.cast<Date>();
}

// An Event, or a case-format dict {"event": "ehc_request_received", "date": "2024-09-09", ...}.
Event event_from(const py::handle& item, std::size_t i) {
  if (py::isinstance<Event>(item)) return item.cast<Event>();
  const std::string path = "events[" + std::to_string(i) + "]";
  if (!py::isinstance<py::dict>(item)) {
    throw InvalidInput(path, py::repr(item).cast<std::string>(), "must be an Event or a dict with event and date");
  }
  py::dict d = item.cast<py::dict>();
  Event e;
  if (!d.contains("event")) throw InvalidInput(path + ".event", "", "is required but missing");
  if (!d.contains("date")) throw InvalidInput(path + ".date", "", "is required but missing");
  e.name = py::str(d["event"]).cast<std::string>();
  e.date = date_from(d["date"], path + ".date");
  for (auto [k, v] : d) {
    std::string key = py::str(k).cast<std::string>();
    if (key != "event" && key != "date") e.fields[key] = py::str(v).cast<std::string>();
  }
  return e;
}

ExceptionInterval exception_from(const py::handle& item, std::size_t i) {
  if (py::isinstance<ExceptionInterval>(item)) return item.cast<ExceptionInterval>();
  const std::string path = "exceptions[" + std::to_string(i) + "]";
  if (!py::isinstance<py::dict>(item)) {
    throw InvalidInput(path, py::repr(item).cast<std::string>(), "must be an ExceptionInterval or a dict");
  }
  py::dict d = item.cast<py::dict>();
  for (const char* key : {"type", "from", "to"}) {
    if (!d.contains(key)) throw InvalidInput(path + "." + key, "", "is required but missing");
  }
  ExceptionInterval x{py::str(d["type"]).cast<std::string>(), date_from(d["from"], path + ".from"),
                      date_from(d["to"], path + ".to")};
  if (x.to < x.from) throw InvalidInput(path + ".to", iso(x.to), "is before the interval's start " + iso(x.from));
  return x;
}

using Days = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;

// An interval from the constructor or a pickle: the end may not be before the start (the JSON form checks too).
ExceptionInterval exception_interval(std::string type, Date start, Date end) {
  if (end < start) throw InvalidInput("end", iso(end), "is before the interval's start " + iso(start));
  return ExceptionInterval{std::move(type), start, end};
}

Days days_of(const py::object& values) {
  py::module_ np = py::module_::import("numpy");
  return Days::ensure(np.attr("ascontiguousarray")(np.attr("asarray")(values, "datetime64[D]"))
                          .attr("reshape")(-1)
                          .attr("view")("int64"));
}

py::dict timeliness_row(const TimelinessRow& r, int weeks) {
  auto pc = [](std::int64_t part, std::int64_t whole) -> py::object {
    if (whole == 0) return py::none();
    return py::float_(std::round(1000.0 * static_cast<double>(part) / static_cast<double>(whole)) / 10.0);
  };
  py::dict row;
  row["time_period"] = r.year;
  row["la_name"] = r.authority;
  if (weeks == 20) {  // the DfE's own column names (timeliness_20_week.csv)
    row["plans_issued_den"] = r.den;
    row["plans_issued_den_ex"] = r.den_ex;
    row["plans_issued_within_20_weeks"] = r.within;
    row["plans_issued_20_weeks_ex"] = r.within_ex;
    row["pc_plans_issued_within_20_weeks"] = pc(r.within, r.den);
    row["PC_plans_issued_20_weeks_ex"] = pc(r.within_ex, r.den_ex);
    row["plans_issued_gt20weeks_ltYear"] = r.over_limit_under_year;
    row["plans_issued_gt20weeks_ltYear_ex"] = r.over_limit_under_year_ex;
    row["plans_issued_gt_1_year"] = r.over_year;
    row["plans_issued_gt_1_year_ex"] = r.over_year_ex;
    row["pc_plans_issued_gt20weeks_ltYear"] = pc(r.over_limit_under_year, r.den);
    row["PC_plans_issued_gt20weeks_ltYear_ex"] = pc(r.over_limit_under_year_ex, r.den_ex);
    row["pc_plans_issued_gt_1_year"] = pc(r.over_year, r.den);
    row["PC_plans_issued_gt_1_year_ex"] = pc(r.over_year_ex, r.den_ex);
    return row;
  }
  const std::string n = std::to_string(weeks);
  row["den"] = r.den;
  row["den_ex"] = r.den_ex;
  row[py::str("within_" + n + "_weeks")] = r.within;
  row[py::str("within_" + n + "_weeks_ex")] = r.within_ex;
  row[py::str("pc_within_" + n + "_weeks")] = pc(r.within, r.den);
  row[py::str("pc_within_" + n + "_weeks_ex")] = pc(r.within_ex, r.den_ex);
  row[py::str("over_" + n + "_weeks")] = r.over_limit_under_year + r.over_year;
  row[py::str("over_" + n + "_weeks_ex")] = r.over_limit_under_year_ex + r.over_year_ex;
  return row;
}

}  // namespace

void bind_deadlines(py::module_& m) {
  py::native_enum<Roll>(m, "Roll", "enum.Enum", "Whether a deadline that falls on a non-working day moves.")
      .value("none", Roll::none)
      .value("next_working_day", Roll::next_working_day)
      .value("tribunal_sen", Roll::tribunal_sen)
      .finalize();
  py::native_enum<Evidence>(m, "Evidence", "enum.Enum", "How well a rule's facts are established.")
      .value("verified", Evidence::verified)
      .value("secondary", Evidence::secondary)
      .value("unconfirmed", Evidence::unconfirmed)
      .finalize();
  py::native_enum<DeadlineStatus>(m, "DeadlineStatus", "enum.IntEnum",
                                  "A deadline's status as of a date; the int values are evaluate_rule's codes.")
      .value("met_on_time", DeadlineStatus::met_on_time)
      .value("met_late", DeadlineStatus::met_late)
      .value("pending", DeadlineStatus::pending)
      .value("overdue", DeadlineStatus::overdue)
      .value("window_open", DeadlineStatus::window_open)
      .value("window_closed", DeadlineStatus::window_closed)
      .value("not_applicable", DeadlineStatus::not_applicable)
      .value("not_computable", DeadlineStatus::not_computable)
      .finalize();

  py::class_<Event> event_class(m, "Event", "A dated event in a case's timeline, with any fields its rule needs.");
  event_class
      .def(py::init([](std::string name, Date date, std::map<std::string, std::string> fields) {
             return Event{std::move(name), date, std::move(fields)};
           }),
           py::arg("name"), py::arg("date"), py::arg("fields") = std::map<std::string, std::string>{})
      .def_readonly("name", &Event::name, "The event's name.")
      .def_readonly("date", &Event::date, "The event's date.")
      .def_readonly("fields", &Event::fields, "Any other fields, as text.")
      .def("__repr__", [](const Event& e) { return "<Event " + e.name + " " + iso(e.date) + ">"; })
      .def("__eq__",
           [](const Event& a, const Event& b) { return a.name == b.name && a.date == b.date && a.fields == b.fields; })
      .def("__hash__", [](const Event& e) { return py::hash(py::make_tuple(e.name, iso(e.date))); });
  def_pickle(
      event_class, "Event", 4,
      [](const Event& e) { return py::make_tuple(kPickleVersion, e.name, iso(e.date), e.fields); },
      [](const py::tuple& s) {
        return Event{s[1].cast<std::string>(), parse_date(s[2].cast<std::string>(), "Event pickle"),
                     s[3].cast<std::map<std::string, std::string>>()};
      });
  py::class_<ExceptionInterval> interval_class(m, "ExceptionInterval",
                                               "A statutory exception interval, both ends included.");
  interval_class.def(py::init(&exception_interval), py::arg("type"), py::arg("start"), py::arg("end"))
      .def_readonly("type", &ExceptionInterval::type, "The exception type.")
      .def_readonly("start", &ExceptionInterval::from, "First day, included.")
      .def_readonly("end", &ExceptionInterval::to, "Last day, included.")
      .def("__repr__",
           [](const ExceptionInterval& x) {
             return "<ExceptionInterval " + x.type + " " + iso(x.from) + " to " + iso(x.to) + ">";
           })
      .def("__eq__", [](const ExceptionInterval& a,
                        const ExceptionInterval& b) { return a.type == b.type && a.from == b.from && a.to == b.to; })
      .def("__hash__",
           [](const ExceptionInterval& x) { return py::hash(py::make_tuple(x.type, iso(x.from), iso(x.to))); });
  def_pickle(
      interval_class, "ExceptionInterval", 4,
      [](const ExceptionInterval& x) { return py::make_tuple(kPickleVersion, x.type, iso(x.from), iso(x.to)); },
      [](const py::tuple& s) {
        // The same check as the constructor and the JSON form: the end may not be before the start.
        return exception_interval(s[1].cast<std::string>(), parse_date(s[2].cast<std::string>(), "pickle.start"),
                                  parse_date(s[3].cast<std::string>(), "pickle.end"));
      });

  py::class_<ExceptionFinding>(m, "ExceptionFinding",
                               "What the engine made of one exception interval for one deadline, and why.")
      .def_readonly("type", &ExceptionFinding::type, "The exception type.")
      .def_readonly("start", &ExceptionFinding::from, "The interval's first day.")
      .def_readonly("end", &ExceptionFinding::to, "The interval's last day.")
      .def_readonly("applied", &ExceptionFinding::applied, "True when its conditions are met.")
      .def_readonly("days_covered", &ExceptionFinding::days_covered,
                    "Days of the statutory period it covers (0 when not applied).")
      .def_readonly("reason", &ExceptionFinding::reason, "Why it was applied or not, in words.")
      .def("__repr__", [](const ExceptionFinding& f) {
        return "<ExceptionFinding " + f.type + (f.applied ? " applied: " : " not applied: ") + f.reason + ">";
      });

  py::class_<ComplaintProcedure>(m, "ComplaintProcedure",
                                 "A council's own complaint procedure: its timescales, start date and source.")
      .def(py::init([](std::string authority, std::map<std::string, int> settings, std::optional<Date> from,
                       std::string source) {
             return ComplaintProcedure{std::move(authority), std::move(settings), from, std::move(source)};
           }),
           py::arg("authority"), py::arg("settings"), py::arg("start") = py::none(), py::arg("source") = "")
      .def_readonly("authority", &ComplaintProcedure::authority, "The council's name.")
      .def_readonly("settings", &ComplaintProcedure::settings, "Timescales by setting name, in working days.")
      .def_readonly("start", &ComplaintProcedure::from, "Complaints received on or after this date, or None.")
      .def_readonly("source", &ComplaintProcedure::source, "Where the council publishes it.")
      .def("__repr__", [](const ComplaintProcedure& p) { return "<ComplaintProcedure " + p.authority + ">"; });
  m.def(
      "complaint_procedures_from_json",
      [](const py::object& doc) { return complaint_procedures_from_json(json_text(doc)); }, py::arg("document"),
      R"doc(A table of councils' own complaint procedures from JSON text or a dict:
{"format": "redress.complaint_procedures/1", "procedures": [{"authority": ..., "stage1_response_days": 20,
"from": "2024-04-01", "source": "https://..."}]}.)doc");
  m.def(
      "find_procedure",
      [](const std::vector<ComplaintProcedure>& table,
         const std::string& authority) -> std::optional<ComplaintProcedure> {
        const ComplaintProcedure* p = find_procedure(table, authority);
        if (p == nullptr) return std::nullopt;
        return *p;
      },
      py::arg("table"), py::arg("authority"), "The procedure of `authority` in `table`, or None.");

  py::class_<Rule>(m, "Rule", "One statutory time limit, with its legal source.")
      .def_readonly("id", &Rule::id, "The rule's id.")
      .def_readonly("title", &Rule::title, "What the duty is.")
      .def_readonly("instrument", &Rule::instrument, "The legal instrument.")
      .def_readonly("provision", &Rule::provision, "The regulation or section.")
      .def_readonly("url", &Rule::url, "A link to the source.")
      .def_readonly("evidence", &Rule::evidence, "How well it is established.")
      .def_readonly("notes", &Rule::notes, "Caveats.")
      .def_readonly("window", &Rule::window, "True for a period the family acts in.")
      .def_readonly("start_events", &Rule::start_events, "Events that start the clock.")
      .def_readonly("start_rule", &Rule::start_rule, "A rule whose due date starts the clock, or empty.")
      .def_readonly("start_where", &Rule::start_where,
                    "Fields the start event must carry, e.g. {'transfer': 'school_phase'}; empty when none.")
      .def_readonly("else_rule", &Rule::else_rule,
                    "A rule whose due date stands in for a missing start event, or empty.")
      .def_readonly("fixed", &Rule::fixed, "(month, day) of a fixed due date in the start event's year, or None.")
      .def_readonly("met_window", &Rule::met_window,
                    "When a completing step counts: 'after' the start, 'before' it, or 'year_before'.")
      .def_readonly("length", &Rule::length, "The length, or None when unknown.")
      .def_readonly("unit", &Rule::unit, "The length's unit.")
      .def_readonly("counting", &Rule::counting, "within or beginning_with.")
      .def_readonly("met_by", &Rule::met_by, "Events that meet it.")
      .def_readonly("roll", &Rule::roll, "Whether a non-working-day end moves.")
      .def_readonly("exceptions", &Rule::exceptions, "Exception types that can disapply it.")
      .def_readonly("in_force_from", &Rule::in_force_from, "First start date it applies to, or None.")
      .def_readonly("in_force_to", &Rule::in_force_to, "Last start date it applies to, or None.")
      .def_readonly("measure", &Rule::measure, "The DfE measure it feeds, or empty.")
      .def_readonly("setting", &Rule::setting, "The council-procedure setting that overrides it, or empty.")
      .def_readonly("absence_min_weeks", &Rule::absence_min_weeks,
                    "The continuous absence (weeks) the absent_from_area exception needs.")
      .def_readonly("start_offset_days", &Rule::start_offset_days,
                    "Days added to a start taken from another rule's due date.")
      .def_readonly("offset_setting", &Rule::offset_setting, "The setting that chooses start_offset_days, or empty.")
      .def_property_readonly("confirmed", &Rule::confirmed, "False when the rule is unconfirmed.")
      .def_property_readonly("citation", &Rule::citation, "Instrument and provision together.")
      .def("__repr__", [](const Rule& r) { return "<Rule " + r.id + ": " + r.citation() + ">"; });

  py::class_<RuleCatalogue>(m, "RuleCatalogue", R"doc(The statutory rules as data (data/rules/catalogue.json).

with_length() supplies an unconfirmed length or a local variation; with_setting() a council's complaint
procedure ("stage1_response_days"). Both return a new catalogue.)doc")
      .def_static("standard", &RuleCatalogue::standard, py::return_value_policy::copy)
      .def_static(
          "from_json", [](const py::object& doc) { return RuleCatalogue::from_json(json_text(doc)); },
          py::arg("document"))
      .def_property_readonly("rules", &RuleCatalogue::rules, "Every rule.")
      .def("rule", &RuleCatalogue::rule, py::arg("id"), py::return_value_policy::copy)
      .def("with_length", &RuleCatalogue::with_length, py::arg("rule"), py::arg("length"))
      .def("with_setting", &RuleCatalogue::with_setting, py::arg("setting"), py::arg("value"),
           "A copy with a setting replaced: a council-procedure timescale, or s31_2A_day_after (1 or 0).")
      .def_property_readonly("settings", &RuleCatalogue::settings, "Every setting and its current value.")
      .def("with_complaint_code_from", &RuleCatalogue::with_complaint_code_from, py::arg("start"),
           "A copy whose Complaint Handling Code rules apply to complaints received on or after `start` (None: "
           "any date; shipped: 2026-04-01).")
      .def("with_procedure", &RuleCatalogue::with_procedure, py::arg("procedure"),
           "A copy whose complaint rules follow a council's own ComplaintProcedure.")
      .def("__repr__",
           [](const RuleCatalogue& c) { return "<RuleCatalogue: " + std::to_string(c.rules().size()) + " rules>"; });

  py::class_<Deadline>(m, "Deadline", "One deadline of a case: due date, status and the law behind it.")
      .def_readonly("rule", &Deadline::rule, "The rule's id in the catalogue.")
      .def_readonly("title", &Deadline::title, "What the duty is.")
      .def_readonly("source", &Deadline::source, "The legal source: instrument and provision.")
      .def_readonly("url", &Deadline::url, "A link to the source.")
      .def_readonly("evidence", &Deadline::evidence, "How well the rule is established.")
      .def_readonly("window", &Deadline::window, "True for a period the family acts in.")
      .def_readonly("start", &Deadline::start, "The date the clock started.")
      .def_readonly("start_event", &Deadline::start_event, "The event (or rule) that started it.")
      .def_readonly("due", &Deadline::due, "The due date, or None when not computable.")
      .def_readonly("met", &Deadline::met, "When the duty was met, or None.")
      .def_readonly("met_event", &Deadline::met_event, "The event that met it.")
      .def_readonly("status", &Deadline::status, "The status as of the date asked.")
      .def_readonly("days_late", &Deadline::days_late, "Days late (met late or overdue), before exceptions.")
      .def_readonly("days_remaining", &Deadline::days_remaining, "Days left while pending or open.")
      .def_readonly("exceptions", &Deadline::exceptions, "Exception types that disapply the limit here.")
      .def_readonly("days_late_net", &Deadline::days_late_net,
                    "Lateness less the days of the period the applied exceptions cover (never below 0).")
      .def_readonly("exception_findings", &Deadline::exception_findings,
                    "Every exception interval considered, applied or not, with the reason.")
      .def_readonly("reason", &Deadline::reason, "Why it is not computable or not applicable.")
      .def_readonly("explanation", &Deadline::explanation, "The deadline in words, with its law.")
      .def_readonly("notes", &Deadline::notes, "Caveats: unconfirmed facts, overlapping windows.")
      .def_property_readonly("open", &Deadline::open, "True while pending, overdue or an open window.")
      .def("__repr__", [](const Deadline& d) {
        return "<Deadline " + d.rule + " " + (d.due ? iso(*d.due) : std::string("-")) + " " +
               std::string(to_string(d.status)) + ">";
      });

  m.def(
      "evaluate_deadlines",
      [](const py::list& events, const py::list& exceptions, std::optional<Date> as_of, const RuleCatalogue* catalogue,
         std::optional<Calendar> calendar, std::optional<SchoolCalendar> school) {
        Timeline t;
        for (std::size_t i = 0; i < events.size(); ++i) t.events.push_back(event_from(events[i], i));
        for (std::size_t i = 0; i < exceptions.size(); ++i) t.exceptions.push_back(exception_from(exceptions[i], i));
        DeadlineOptions o;
        o.as_of = today_or(as_of);
        o.catalogue = catalogue;
        o.calendar = std::move(calendar);
        o.school_calendar = std::move(school);
        return evaluate_deadlines(t, o);
      },
      py::arg("events"), py::arg("exceptions") = py::list(), py::kw_only(), py::arg("as_of") = py::none(),
      py::arg("catalogue") = nullptr, py::arg("calendar") = py::none(), py::arg("school_calendar") = py::none(),
      R"doc(Every deadline a case's events make relevant, with due date, status as of `as_of` and citation.

events: Event values or case-format dicts ({"event": "ehc_request_received", "date": "2024-09-09"}); the
case's dates (first_aware, report_received, final_decision, ...) are events of the same names. exceptions:
ExceptionInterval values or dicts ({"type": "absent_from_area", "from": ..., "to": ...}).)doc");

  m.def("deadline_of", &deadline_of, py::arg("rule"),
        "A deadline of `rule` with nothing yet worked out: its title, citation, evidence and notes.");
  m.def("deadlines_to_json", &deadlines_to_json, py::arg("deadlines"), "The deadlines as JSON text.");
  m.def(
      "to_icalendar",
      [](const std::vector<Deadline>& deadlines, const std::string& reference, std::optional<Date> as_of) {
        return to_icalendar(deadlines, reference, today_or(as_of));
      },
      py::arg("deadlines"), py::arg("case_reference"), py::arg("as_of") = py::none(),
      "The open deadlines as an RFC 5545 iCalendar (.ics) text of all-day events.");

  m.def(
      "timeliness",
      [](const py::object& authorities, const py::object& starts, const py::object& completed,
         const py::object& exceptions, int limit_weeks) {
        py::list who(authorities);
        Days s = days_of(starts), c = days_of(completed);
        const auto n = static_cast<std::size_t>(s.size());
        if (who.size() != n || static_cast<std::size_t>(c.size()) != n) {
          throw InvalidInput("timeliness",
                             std::to_string(who.size()) + "/" + std::to_string(n) + "/" + std::to_string(c.size()),
                             "authorities, starts and completed must be the same length");
        }
        std::vector<bool> exc(n, false);
        if (!exceptions.is_none()) {
          py::list flags(exceptions);
          if (flags.size() != n)
            throw InvalidInput("exceptions", std::to_string(flags.size()), "must be as long as starts");
          for (std::size_t i = 0; i < n; ++i) exc[i] = flags[i].cast<bool>();
        }
        std::vector<MeasureRecord> records;
        records.reserve(n);
        for (std::size_t i = 0; i < n; ++i) {
          if (s.at(static_cast<py::ssize_t>(i)) == Calendar::kMissingDay) continue;
          MeasureRecord r;
          r.authority = py::str(who[i]).cast<std::string>();
          r.start = Date(1970, 1, 1) + boost::gregorian::date_duration(s.at(static_cast<py::ssize_t>(i)));
          if (c.at(static_cast<py::ssize_t>(i)) != Calendar::kMissingDay) {
            r.completed = Date(1970, 1, 1) + boost::gregorian::date_duration(c.at(static_cast<py::ssize_t>(i)));
          }
          r.exception = exc[i];
          records.push_back(std::move(r));
        }
        py::list rows;
        for (const TimelinessRow& r : timeliness(records, limit_weeks)) rows.append(timeliness_row(r, limit_weeks));
        return rows;
      },
      py::arg("authorities"), py::arg("starts"), py::arg("completed"), py::arg("exceptions") = py::none(),
      py::arg("limit_weeks") = 20,
      R"doc(The DfE timeliness measure over many cases: rows per authority and calendar year of completion
(an "England" row per year first), counting cases completed within `limit_weeks` weeks of the start,
including and excluding those with exceptions. With limit_weeks=20 the columns are named as in the DfE's
timeliness_20_week.csv. Incomplete cases are left out, as the DfE counts plans issued.)doc");

  m.def(
      "evaluate_rule",
      [](const Rule& rule, const py::object& starts, const py::object& mets, std::optional<Date> as_of_date,
         std::optional<Calendar> calendar, std::optional<SchoolCalendar> school) {
        Days s = days_of(starts);
        const auto n = static_cast<std::size_t>(s.size());
        // No met column: nothing met yet, and no column of NaT is made for it.
        std::optional<Days> m_days;
        if (!mets.is_none()) {
          m_days = days_of(mets);
          if (static_cast<std::size_t>(m_days->size()) != n) {
            throw InvalidInput("mets", std::to_string(m_days->size()),
                               "must be as long as starts (" + std::to_string(n) + ")");
          }
        }
        const std::int64_t* met_data = m_days ? m_days->data() : nullptr;
        const std::vector<py::ssize_t> shape{static_cast<py::ssize_t>(n)};
        py::array_t<std::int64_t> due = result_array(py::dtype::of<std::int64_t>(), shape);
        py::array_t<std::int8_t> status = result_array(py::dtype::of<std::int8_t>(), shape);
        py::array_t<std::int64_t> late = result_array(py::dtype::of<std::int64_t>(), shape);
        const Calendar cal = calendar ? *calendar : Calendar::england_and_wales();
        const SchoolCalendar sch = school ? *school : SchoolCalendar::default_calendar();
        const std::int64_t as_of_day = (today_or(as_of_date) - Date(1970, 1, 1)).days();
        {
          py::gil_scoped_release release;
          evaluate_rule(rule, s.data(), met_data, n, as_of_day, due.mutable_data(), status.mutable_data(),
                        late.mutable_data(), cal, sch);
        }
        return py::make_tuple(due.attr("view")("datetime64[D]"), status, late);
      },
      py::arg("rule"), py::arg("starts"), py::arg("mets") = py::none(), py::kw_only(), py::arg("as_of") = py::none(),
      py::arg("calendar") = py::none(), py::arg("school_calendar") = py::none(),
      R"doc(One rule over columns: (due dates, status codes, days late) as numpy arrays.

starts and mets are datetime64[D] columns (NaT for a missing date); status codes are DeadlineStatus values
(int8); days late is 0 unless late or overdue. Computed in C++ without the GIL.)doc");
}

}  // namespace redress::python
