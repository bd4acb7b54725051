// The compliance ledger and council names/reorganisations for Python.
#include <pybind11/native_enum.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "bindings.hpp"
#include "date_caster.hpp"
#include "redress/authorities.hpp"
#include "redress/io.hpp"
#include "redress/ledger.hpp"

namespace py = pybind11;

namespace redress::python {

void bind_ledger(py::module_& m) {
  py::native_enum<Verdict>(m, "Verdict", "enum.Enum", "A recommendation's standing against its due date.")
      .value("on_time", Verdict::on_time)
      .value("late", Verdict::late)
      .value("overdue", Verdict::overdue)
      .value("open", Verdict::open)
      .value("complete_undated", Verdict::complete_undated)
      .value("refused", Verdict::refused)
      .value("no_due_date", Verdict::no_due_date)
      .finalize();

  py::class_<LedgerEntry>(m, "LedgerEntry", "One recommendation in the compliance ledger.")
      .def_readonly("reference", &LedgerEntry::reference, "The case reference, or an empty string.")
      .def_readonly("authority", &LedgerEntry::authority, "The council as the case writes it.")
      .def_readonly("canonical", &LedgerEntry::canonical, "The council's canonical short name (after reorganisations).")
      .def_readonly("path", &LedgerEntry::path, "Its JSON path, recommendations[N].")
      .def_readonly("kind", &LedgerEntry::kind, "The kind of recommendation.")
      .def_readonly("text", &LedgerEntry::text, "Its text.")
      .def_readonly("due_text", &LedgerEntry::due_text, "The case's due: a period, a date, or empty.")
      .def_readonly("base", &LedgerEntry::base, "The date a period runs from, or None.")
      .def_readonly("base_field", &LedgerEntry::base_field,
                    "dates.final_decision, or dates.report_received for a public report without a final decision.")
      .def_readonly("due", &LedgerEntry::due, "The due date, or None (reason says why).")
      .def_readonly("reason", &LedgerEntry::reason, "Why there is no due date.")
      .def_readonly("status", &LedgerEntry::status, "The status the case gives, or None.")
      .def_readonly("completed", &LedgerEntry::completed, "When it was completed, or None.")
      .def_readonly("verdict", &LedgerEntry::verdict, "On time, late, overdue, open, ...")
      .def_readonly("days", &LedgerEntry::days, "Days late, overdue or until due, or None.")
      .def("describe", &LedgerEntry::describe,
           R"doc("on time", "late by 3 days", "overdue by 12 days", "open, due in 5 days", ...)doc")
      .def("__repr__", [](const LedgerEntry& e) { return "<LedgerEntry " + e.path + ": " + e.describe() + ">"; });

  py::class_<RemedyTotal>(m, "RemedyTotal", "A remedy total of one kind for an authority and year of decision.")
      .def_readonly("authority", &RemedyTotal::authority, "The council's canonical short name.")
      .def_readonly("year", &RemedyTotal::year, "The year of the decision (final decision, else report), or None.")
      .def_readonly("kind", &RemedyTotal::kind, "lost_provision or a payment kind.")
      .def_readonly("amount", &RemedyTotal::amount, "The total, as Money.")
      .def_readonly("lines", &RemedyTotal::lines, "How many remedy lines it sums.");

  py::class_<CaseLedger>(m, "CaseLedger", "One case's ledger: its recommendations and its statutory duties.")
      .def_readonly("reference", &CaseLedger::reference, "The case reference, or an empty string.")
      .def_readonly("authority", &CaseLedger::authority, "The council as the case writes it.")
      .def_readonly("canonical", &CaseLedger::canonical, "The council's canonical short name.")
      .def_readonly("recommendations", &CaseLedger::recommendations, "One LedgerEntry per recommendation.")
      .def_readonly("duties", &CaseLedger::duties,
                    "The report and remedy duties (s.30, s.31(2), s.31(2A), s.5A, remedy periods) as Deadlines.")
      .def_readonly("missing_dates", &CaseLedger::missing_dates, "Case dates the ledger needed and the case lacks.")
      .def_readonly("remedy", &CaseLedger::remedy, "The remedy totals by kind.")
      .def_readonly("remedy_error", &CaseLedger::remedy_error, "Why the remedy could not be computed, if not.")
      .def("__repr__", [](const CaseLedger& l) {
        return "<CaseLedger " + l.reference + " " + l.authority + ": " + std::to_string(l.recommendations.size()) +
               " recommendations>";
      });

  py::class_<LedgerYear>(m, "LedgerYear", "Recommendations of one authority falling due in one year.")
      .def_readonly("authority", &LedgerYear::authority, "The council's canonical short name.")
      .def_readonly("year", &LedgerYear::year, "The year they fell due, or None for those with no due date.")
      .def_readonly("recommendations", &LedgerYear::recommendations, "How many.")
      .def_readonly("due", &LedgerYear::due, "How many were due by the as-of date.")
      .def_readonly("on_time", &LedgerYear::on_time, "Completed on or before the due date.")
      .def_readonly("late", &LedgerYear::late, "Completed after the due date.")
      .def_readonly("outstanding", &LedgerYear::outstanding, "Due and not complete.")
      .def_readonly("not_yet_due", &LedgerYear::not_yet_due, "Not complete, not yet due.")
      .def_readonly("complete_undated", &LedgerYear::complete_undated, "Complete with no completion date stated.")
      .def_readonly("refused", &LedgerYear::refused, "Refused by the council.")
      .def_property_readonly("compliance_rate", &LedgerYear::compliance_rate,
                             "on_time / (on_time + late + outstanding) as a percentage, or None.");

  py::class_<LedgerSummary>(m, "LedgerSummary", "Ledgers summed per authority and year.")
      .def_readonly("years", &LedgerSummary::years, "LedgerYear rows by authority, then year.")
      .def_readonly("remedy", &LedgerSummary::remedy, "RemedyTotal rows by authority, year and kind.");

  m.def(
      "case_ledger",
      [](const CaseFile& c, Date as_of) {
        LedgerOptions o;
        o.as_of = as_of;
        return case_ledger(c.value, o);
      },
      py::arg("case"), py::arg("as_of"),
      R"doc(The case's ledger as of a date: each recommendation's due date and verdict, the statutory duties beside
them, the dates that are missing, and the remedy by kind.)doc");
  m.def("summarise_ledgers", &summarise_ledgers, py::arg("ledgers"), py::arg("authority") = "",
        R"doc(Ledgers summed per canonical authority and year of the due date; `authority` keeps only that council,
its predecessors and successors.)doc");
  m.def("ledger_to_csv", &ledger_to_csv, py::arg("ledgers"), "The ledger entries as CSV text, one line each.");

  py::class_<AuthoritySuccession>(m, "AuthoritySuccession", "One predecessor -> successor step of a reorganisation.")
      .def_readonly("predecessor", &AuthoritySuccession::predecessor, "The council abolished.")
      .def_readonly("successor", &AuthoritySuccession::successor, "The council that took over (all or part).")
      .def_readonly("date", &AuthoritySuccession::date, "The day the successor took over.")
      .def_readonly("share", &AuthoritySuccession::share, "whole, principal or part.")
      .def_readonly("note", &AuthoritySuccession::note, "Which area, for a part.")
      .def_readonly("instrument", &AuthoritySuccession::instrument, "The structural changes order.")
      .def_readonly("url", &AuthoritySuccession::url, "Its address on legislation.gov.uk.")
      .def("__repr__", [](const AuthoritySuccession& s) {
        return "<AuthoritySuccession " + s.predecessor + " -> " + s.successor + " " + iso(s.date) + ">";
      });
  m.def("authority_successions", &authority_successions, "The shipped table of council reorganisations.");
  m.def("authority_short_name", &authority_short_name, py::arg("name"),
        R"doc(The council's short name: "Dudley MBC" and "Dudley Metropolitan Borough Council" -> "Dudley".)doc");
  m.def("canonical_authority", &canonical_authority, py::arg("name"), py::arg("on") = py::none(),
        R"doc(The short name of the council answerable on `on` (None: today's structure), following
reorganisations: "Dorset County Council" -> "Dorset"; a council split with no principal successor keeps its name.)doc");
  m.def("authority_lineage", &authority_lineage, py::arg("name"),
        "The short names of the council and of every council it succeeded, its own first.");
  m.def("same_authority", &same_authority, py::arg("a"), py::arg("b"),
        "Whether the two names are one council or one succeeded the other.");
}

}  // namespace redress::python
