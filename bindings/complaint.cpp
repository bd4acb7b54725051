// CaseReference for Python.
#include <pybind11/native_enum.h>
#include <pybind11/operators.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>

#include "bindings.hpp"
#include "date_caster.hpp"
#include "redress/batch.hpp"
#include "redress/complaint.hpp"
#include "redress/error.hpp"
#include "redress/io.hpp"

namespace py = pybind11;

namespace redress::python {

void bind_complaint(py::module_& m) {
  py::class_<CaseReference> reference_class(m, "CaseReference",
                                            R"doc(The Ombudsman's case reference, written "21 002 722".

CaseReference("21 002 722"), CaseReference("21002722") and CaseReference("21-002-722") are the same
reference; str() gives the canonical form. Anything else raises InvalidInputError naming the text.)doc");
  reference_class
      .def(py::init([](const std::string& text) { return CaseReference(text); }), py::arg("text"),
           R"doc(Reads "21 002 722", "21-002-722" or "21002722".)doc")
      .def_property_readonly("year", &CaseReference::year,
                             R"doc(The year the Ombudsman received the complaint: 2021 for 21 002 722.)doc")
      .def_property_readonly("serial", &CaseReference::serial, R"doc(The six digits after the year, as an int.)doc")
      .def_property_readonly("digits", &CaseReference::digits, R"doc(The eight digits, "21002722".)doc")
      .def_property_readonly("number", &CaseReference::number, R"doc(The eight digits as one int, 21002722.)doc")
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def(py::self < py::self)
      .def("__hash__", [](const CaseReference& self) { return py::hash(py::int_(self.number())); })
      .def("__str__", &CaseReference::str)
      .def("__repr__", [](const CaseReference& self) { return "CaseReference('" + self.str() + "')"; })
      .def("__copy__", [](const CaseReference& self) { return self; })
      .def(
          "__deepcopy__", [](const CaseReference& self, const py::dict&) { return self; }, py::arg("memo"));
  def_pickle(
      reference_class, "CaseReference", 2,
      [](const CaseReference& self) { return py::make_tuple(kPickleVersion, self.str()); },
      [](const py::tuple& state) { return CaseReference(state[1].cast<std::string>()); });
}

}  // namespace redress::python

namespace redress::python {

void bind_case(py::module_& m) {
  py::native_enum<Outcome>(m, "Outcome", "enum.Enum", "The Ombudsman's outcome.")
      .value("upheld", Outcome::upheld)
      .value("not_upheld", Outcome::not_upheld)
      .value("closed_after_initial_enquiries", Outcome::closed_after_initial_enquiries)
      .value("premature", Outcome::premature)
      .value("outside_jurisdiction", Outcome::outside_jurisdiction)
      .finalize();
  py::native_enum<Finding>(m, "Finding", "enum.Enum",
                           "The finding; the older 'maladministration_and_injustice' reads as fault_causing_injustice.")
      .value("fault_causing_injustice", Finding::fault_causing_injustice)
      .value("fault_no_injustice", Finding::fault_no_injustice)
      .value("no_fault", Finding::no_fault)
      .finalize();
  py::native_enum<RecommendationStatus>(m, "RecommendationStatus", "enum.Enum", "Where a recommendation stands.")
      .value("complete", RecommendationStatus::complete)
      .value("in_progress", RecommendationStatus::in_progress)
      .value("on_track", RecommendationStatus::on_track)
      .value("not_started", RecommendationStatus::not_started)
      .value("refused", RecommendationStatus::refused)
      .finalize();

  py::class_<Recommendation>(m, "Recommendation", "A recommendation as the case gives it.")
      .def_readonly("kind", &Recommendation::kind, "The kind of recommendation.")
      .def_readonly("text", &Recommendation::text, "Its text.")
      .def_readonly("due", &Recommendation::due, "As the case gives it: a period from the final decision, or a date.")
      .def_readonly("status", &Recommendation::status, "Its status, or None when the case does not say.")
      .def_readonly("completed", &Recommendation::completed, "When completed, or None.")
      .def("__repr__", [](const Recommendation& r) {
        return "<Recommendation " + r.kind + (r.due.empty() ? std::string() : " due " + r.due) + " " +
               (r.status ? std::string(to_string(*r.status)) : std::string("(no status)")) + ">";
      });
  py::class_<RecommendationState>(m, "RecommendationState", "A recommendation's due date and status as of a date.")
      .def_readonly("path", &RecommendationState::path, "Its JSON path in the case.")
      .def_readonly("recommendation", &RecommendationState::recommendation, "The recommendation.")
      .def_readonly("due", &RecommendationState::due, "The due date, or None.")
      .def_readonly("reason", &RecommendationState::reason, "Why there is no due date.")
      .def_readonly("overdue", &RecommendationState::overdue, "Whether it is overdue.")
      .def_readonly("days_overdue", &RecommendationState::days_overdue, "Days overdue, or None.")
      .def("__repr__", [](const RecommendationState& s) {
        return "<RecommendationState " + s.path + (s.overdue ? " overdue" : "") + ">";
      });
  py::class_<CaseReport>(m, "CaseReport", "What a case comes to as of a date: remedy, deadlines, recommendations.")
      .def_readonly("remedy", &CaseReport::remedy, "The remedy breakdown, or None.")
      .def_readonly("deadlines", &CaseReport::deadlines, "Every deadline the case makes relevant.")
      .def_readonly("recommendations", &CaseReport::recommendations, "Each recommendation's due date and status.")
      .def_readonly("recommendations_overdue", &CaseReport::recommendations_overdue,
                    "How many recommendations are overdue.")
      .def("__repr__", [](const CaseReport& r) {
        return "<CaseReport: " + std::to_string(r.deadlines.size()) + " deadlines, " +
               std::to_string(r.recommendations_overdue) + " recommendations overdue>";
      });

  py::class_<CaseFile> case_class(m, "Case", R"doc(One complaint, read from a redress.case/1 case file.

Case.from_json(text_or_dict) checks every field and names the JSON path of anything wrong; to_json() writes it
back in canonical form with unknown fields kept; evaluate(as_of) works out the remedy, every deadline and the
recommendations' due dates and statuses.)doc");
  case_class
      .def_static(
          "from_json", [](const py::object& doc) { return read_case(json_text(doc)); }, py::arg("document"))
      .def("to_json", &write_case, "The case as JSON text: canonical fields over the document, unknown fields kept.")
      .def_property_readonly(
          "reference", [](const CaseFile& f) { return f.value.reference; }, "The Ombudsman's case reference.")
      .def_property_readonly(
          "id", [](const CaseFile& f) { return f.value.id; },
          "The council's own case or child identifier (\"\" when the case has none).")
      .def_property_readonly(
          "authority", [](const CaseFile& f) { return f.value.authority; }, "The council complained about.")
      .def_property_readonly(
          "category", [](const CaseFile& f) { return f.value.category; },
          "The Ombudsman's category, e.g. special-educational-needs.")
      .def_property_readonly(
          "outcome", [](const CaseFile& f) { return f.value.outcome; }, "The outcome, or None.")
      .def_property_readonly(
          "finding", [](const CaseFile& f) { return f.value.finding; }, "The finding, or None.")
      .def_property_readonly(
          "public_report", [](const CaseFile& f) { return f.value.public_report; },
          "Whether the Ombudsman issued a public report.")
      .def_property_readonly(
          "faults", [](const CaseFile& f) { return f.value.faults; },
          "The faults found, from the case format's vocabulary.")
      .def_property_readonly(
          "dates", [](const CaseFile& f) { return f.value.dates; }, "The case's dates by name.")
      .def_property_readonly(
          "remedy", [](const CaseFile& f) { return f.value.remedy; }, "The remedy section, or None.")
      .def_property_readonly(
          "recommendations", [](const CaseFile& f) { return f.value.recommendations; },
          "The recommendations as the case gives them.")
      .def_property_readonly(
          "events", [](const CaseFile& f) { return f.value.send.events; }, "The SEND timeline's events.")
      .def_property_readonly(
          "exceptions", [](const CaseFile& f) { return f.value.send.exceptions; }, "The statutory exception intervals.")
      .def_property_readonly(
          "exceptions_apply", [](const CaseFile& f) { return f.value.exceptions_apply; },
          "send.exceptions_apply: the 20-week exceptions recorded as applying without dates, or None.")
      .def(
          "evaluate",
          [](const CaseFile& f, std::optional<Date> as_of, bool remedy, bool deadlines,
             const RuleCatalogue* catalogue) {
            CaseOptions o;
            o.as_of = today_or(as_of);
            o.remedy = remedy;
            o.deadlines = deadlines;
            o.catalogue = catalogue;
            return evaluate_case(f.value, o);
          },
          py::arg("as_of") = py::none(), py::arg("remedy") = true, py::arg("deadlines") = true,
          py::arg("catalogue") = nullptr,
          "The case's remedy, deadlines and recommendations as of `as_of` (a date or ISO string; default today).")
      .def(
          "report_json",
          [](const CaseFile& f, std::optional<Date> as_of) {
            CaseOptions o;
            o.as_of = today_or(as_of);
            return case_report_to_json(f.value, evaluate_case(f.value, o));
          },
          py::arg("as_of") = py::none(),
          "The case report as JSON text (total, lines, warnings, audit, deadlines, ...).")
      .def("__repr__", [](const CaseFile& f) {
        return "<Case " + (f.value.name().empty() ? std::string("?") : f.value.name()) + " " + f.value.authority + ">";
      });
  def_pickle(
      case_class, "Case", 2, [](const CaseFile& f) { return py::make_tuple(kPickleVersion, write_case(f)); },
      [](const py::tuple& s) { return read_case(s[1].cast<std::string>()); });

  py::class_<CaseFault>(m, "CaseFault", "One fault check_case found: an error or a warning, with its JSON path.")
      .def_property_readonly(
          "severity", [](const CaseFault& f) { return f.severity == CaseFault::Severity::error ? "error" : "warning"; },
          "\"error\" (the case is refused) or \"warning\" (what the remedy or deadlines would say).")
      .def_readonly("kind", &CaseFault::kind, "invalid_input, out_of_range, not_computable, audit, remedy or timeline.")
      .def_readonly("path", &CaseFault::path, "The JSON path (\"remedy.payments[1].amount\"); \"\" for the document.")
      .def_readonly("value", &CaseFault::value, "The value as the case gives it.")
      .def_readonly("message", &CaseFault::message, "The whole message: path, value and rule.")
      .def("__repr__", [](const CaseFault& f) {
        return std::string("<CaseFault ") + (f.severity == CaseFault::Severity::error ? "error" : "warning") + " " +
               f.message + ">";
      });

  m.def(
      "check_case", [](const py::object& doc, std::optional<Date> as_of) { return check_case(json_text(doc), as_of); },
      py::arg("document"), py::arg("as_of") = py::none(),
      R"doc(Every fault of a case (a JSON str or a dict) in one pass, each with its JSON path: the errors read_case
would refuse, then, when there are none, warnings of what the remedy and deadlines would say (a stated total that
disagrees with the lines, a final plan before its request). An empty list: the case is clean.)doc");

  m.def(
      "run_batch",
      [](const std::string& input, const std::string& output, std::optional<Date> as_of, const std::string& csv,
         bool detail, bool deadlines, bool resume, const py::int_& jobs_arg, std::size_t block_bytes) {
        // Any Python int: a negative one is refused, one past 256 (even past 64 bits) is 256, the batch's most.
        int overflow = 0;
        const long long wanted = PyLong_AsLongLongAndOverflow(jobs_arg.ptr(), &overflow);
        if (wanted == -1 && overflow == 0 && PyErr_Occurred() != nullptr) throw py::error_already_set();
        if (overflow < 0 || (overflow == 0 && wanted < 0)) {
          throw InvalidInput("jobs", py::str(jobs_arg).cast<std::string>(), "must be 0 (the number of cores) or more");
        }
        const int jobs =
            overflow > 0 || wanted > BatchOptions::kMaxJobs ? BatchOptions::kMaxJobs : static_cast<int>(wanted);
        if (block_bytes == 0) throw InvalidInput("block_bytes", "0", "must be at least 1");
        BatchOptions o;
        o.jobs = jobs;
        o.block_bytes = block_bytes;
        o.as_of = today_or(as_of);
        o.detail = detail;
        o.deadlines = deadlines;
        o.resume = resume;
        BatchSummary s;
        {
          py::gil_scoped_release release;
          s = run_batch_files(input, output, o, csv);
        }
        return py::make_tuple(py::module_::import("json").attr("loads")(s.to_json()), s.to_text());
      },
      py::arg("input"), py::arg("output"), py::kw_only(), py::arg("as_of") = py::none(), py::arg("csv") = "",
      py::arg("detail") = false, py::arg("deadlines") = true, py::arg("resume") = false, py::arg("jobs") = 0,
      py::arg("block_bytes") = std::size_t{1} << 20,
      R"doc(Streams a JSON Lines file of cases: exactly one output line per input line, in order (the result, or an
error row with the line, JSON path and message). Returns (summary as a dict, summary as text). Refuses to
write over its input, a directory as input, and one file for both output and csv. Output is written to
OUTPUT.part and renamed into place when finished; a write that fails (a full disk) raises redress.Error naming
the file and leaves no output. resume=True goes on from an interrupted run's OUTPUT.part after its last whole
line. jobs threads (0: the number of cores) work blocks of whole lines of at least block_bytes bytes each in
parallel (at most 256: a larger number is taken as 256); rows are written in input order and the output and
summary are the same for any jobs. Runs without the GIL.)doc");
}

}  // namespace redress::python
