// The remedy layer for Python: the calculation, its breakdown and the guidance versions.
#include <pybind11/native_enum.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>

#include "bindings.hpp"
#include "date_caster.hpp"
#include "redress/error.hpp"
#include "redress/remedy.hpp"

namespace py = pybind11;

namespace redress::python {
namespace {

py::object to_py(const Fraction& f) {
  return py::module_::import("fractions").attr("Fraction")(f.numerator(), f.denominator());
}

Fraction from_py(const py::handle& value, const char* field) {
  if (py::isinstance<py::float_>(value) || !py::hasattr(value, "numerator")) {
    throw InvalidInput(field, py::repr(value).cast<std::string>(), "must be an int or a fractions.Fraction");
  }
  return Fraction(to_int64(value.attr("numerator"), field), to_int64(value.attr("denominator"), field));
}

// Every way into UnitConversions (constructor, pickle) checks through the library's own check.
UnitConversions checked(UnitConversions c) {
  check_conversions(c);
  return c;
}

template <typename E>
void enum_values(py::native_enum<E>& e, std::initializer_list<E> values) {
  for (E v : values) e.value(std::string(to_string(v)).c_str(), v);
  e.finalize();
}

}  // namespace

void bind_remedy(py::module_& m) {
  {
    py::native_enum<RateUnit> e(m, "RateUnit", "enum.Enum", "What a lost-provision rate is per.");
    enum_values(e, {RateUnit::month, RateUnit::term, RateUnit::week, RateUnit::year});
  }
  {
    py::native_enum<Provision> e(m, "Provision", "enum.Enum", "How much provision there was (drives the band check).");
    enum_values(e, {Provision::none, Provision::partial, Provision::unsuitable});
  }
  {
    py::native_enum<Head> e(m, "Head", "enum.Enum", "The head of loss: periods of one head must not overlap.");
    enum_values(e, {Head::education, Head::special_provision, Head::other});
  }
  {
    py::native_enum<PaymentKind> e(m, "PaymentKind", "enum.Enum", "The kind of a symbolic payment or reimbursement.");
    enum_values(
        e, {PaymentKind::distress, PaymentKind::time_and_trouble, PaymentKind::lost_opportunity,
            PaymentKind::uncertainty, PaymentKind::complaint_handling, PaymentKind::reimbursement, PaymentKind::other});
  }
  {
    py::native_enum<Recipient> e(m, "Recipient", "enum.Enum", "Who a payment is to.");
    enum_values(e, {Recipient::parent, Recipient::child, Recipient::young_person, Recipient::other});
  }

  py::class_<UnitConversions> conversions_class(m, "UnitConversions", R"doc(School weeks per rate unit, exact.

Defaults are the Ombudsman's practice: 39 school weeks a year, 13 a term, 39/9 a school month. Each must be
positive (InvalidInputError otherwise).)doc");
  conversions_class
      .def(py::init([](const py::object& year, const py::object& term, const py::object& month) {
             UnitConversions c;
             c.weeks_per_year = from_py(year, "weeks_per_year");
             c.weeks_per_term = from_py(term, "weeks_per_term");
             c.weeks_per_month = from_py(month, "weeks_per_month");
             return checked(c);
           }),
           py::arg("weeks_per_year") = 39, py::arg("weeks_per_term") = 13,
           py::arg("weeks_per_month") = py::module_::import("fractions").attr("Fraction")(39, 9))
      .def_property_readonly(
          "weeks_per_year", [](const UnitConversions& c) { return to_py(c.weeks_per_year); }, "School weeks a year.")
      .def_property_readonly(
          "weeks_per_term", [](const UnitConversions& c) { return to_py(c.weeks_per_term); }, "School weeks a term.")
      .def_property_readonly(
          "weeks_per_month", [](const UnitConversions& c) { return to_py(c.weeks_per_month); },
          "School weeks a school month.")
      .def("describe", &UnitConversions::describe)
      .def("__eq__",
           [](const UnitConversions& a, const UnitConversions& b) {
             return a.weeks_per_year == b.weeks_per_year && a.weeks_per_term == b.weeks_per_term &&
                    a.weeks_per_month == b.weeks_per_month;
           })
      .def("__repr__", [](const UnitConversions& c) {
        auto f = [](const Fraction& x) {
          return x.denominator() == 1
                     ? std::to_string(x.numerator())
                     : "Fraction(" + std::to_string(x.numerator()) + ", " + std::to_string(x.denominator()) + ")";
        };
        return "UnitConversions(weeks_per_year=" + f(c.weeks_per_year) + ", weeks_per_term=" + f(c.weeks_per_term) +
               ", weeks_per_month=" + f(c.weeks_per_month) + ")";
      });
  def_pickle(
      conversions_class, "UnitConversions", 4,
      [](const UnitConversions& c) {
        auto pair = [](const Fraction& f) { return py::make_tuple(f.numerator(), f.denominator()); };
        return py::make_tuple(kPickleVersion, pair(c.weeks_per_year), pair(c.weeks_per_term), pair(c.weeks_per_month));
      },
      [](const py::tuple& s) {
        auto fraction = [&s](const py::handle& h) {
          auto t = h.cast<py::tuple>();
          if (t.size() != 2 || !PyLong_CheckExact(t[0].ptr()) || !PyLong_CheckExact(t[1].ptr())) {
            bad_pickle_state(s, "UnitConversions");
          }
          return Fraction(to_int64(t[0], "UnitConversions pickle"), to_int64(t[1], "UnitConversions pickle"));
        };
        UnitConversions c;
        c.weeks_per_year = fraction(s[1]);
        c.weeks_per_term = fraction(s[2]);
        c.weeks_per_month = fraction(s[3]);
        return checked(c);
      });

  py::class_<GuidanceBand>(m, "GuidanceBand", "The usual range of a rate for one provision severity.")
      .def_readonly("min", &GuidanceBand::min, "The bottom of the usual range.")
      .def_readonly("max", &GuidanceBand::max, "The top of the usual range.")
      .def_readonly("min_confirmed", &GuidanceBand::min_confirmed, "Whether the bottom is confirmed.")
      .def_readonly("max_confirmed", &GuidanceBand::max_confirmed, "Whether the top is confirmed.")
      .def("__repr__", [](const GuidanceBand& b) {
        return "<GuidanceBand " + b.min.format() + (b.min_confirmed ? "" : "?") + " to " + b.max.format() +
               (b.max_confirmed ? "" : "?") + ">";
      });
  py::class_<GuidanceVersion>(m, "GuidanceVersion", "One version of the Ombudsman's guidance on lost provision.")
      .def_readonly("id", &GuidanceVersion::id, "The version's id.")
      .def_readonly("title", &GuidanceVersion::title, "The version's title.")
      .def_readonly("unit", &GuidanceVersion::unit, "The unit its bands are per.")
      .def_readonly("start", &GuidanceVersion::from, "First final-decision date it applies to, or None.")
      .def_readonly("end", &GuidanceVersion::to, "Last final-decision date it applies to, or None.")
      .def_readonly("bands", &GuidanceVersion::bands, "The bands by provision severity.")
      .def_readonly("source", &GuidanceVersion::source, "Where the version's facts come from.")
      .def("__repr__", [](const GuidanceVersion& v) { return "<GuidanceVersion " + v.id + ">"; });
  py::class_<Guidance>(m, "Guidance",
                       R"doc(The versions of the Ombudsman's guidance, as data with dates and sources.)doc")
      .def_static("lgsco", &Guidance::lgsco, py::return_value_policy::copy,
                  "The shipped versions (data/guidance/lgsco-lost-provision.json).")
      .def_static(
          "from_json", [](const py::object& doc) { return Guidance::from_json(json_text(doc)); }, py::arg("document"),
          "Guidance from a redress.guidance/1 document (a JSON str or a dict).")
      .def("with_lower_bound", &Guidance::with_lower_bound, py::arg("version"), py::arg("min"),
           "A copy whose bands of `version` have this lower bound (the monthly £200 is unconfirmed).")
      .def_property_readonly("versions", &Guidance::versions, "Every version, oldest first.")
      .def_property_readonly("notes", &Guidance::notes, "What is known and unknown about the guidance.")
      .def("version", &Guidance::version, py::arg("id"), py::return_value_policy::copy)
      .def(
          "for_decision",
          [](const Guidance& g, Date decided) {
            auto [v, reason] = g.for_decision(decided);
            return py::make_tuple(*v, reason);
          },
          py::arg("final_decision"), "(version, reason) for a final decision on that date.")
      .def("__repr__",
           [](const Guidance& g) { return "<Guidance: " + std::to_string(g.versions().size()) + " versions>"; });

  py::class_<Payment> payment_class(m, "Payment", "A symbolic payment or reimbursement, as the decision states it.");
  payment_class
      .def(py::init([](const py::object& kind, const Money& amount, const py::object& to, std::string purpose) {
             Payment p;
             p.kind = py::isinstance<py::str>(kind) ? parse_payment_kind(kind.cast<std::string>())
                                                    : kind.cast<PaymentKind>();
             p.amount = amount;
             p.to = py::isinstance<py::str>(to) ? parse_recipient(to.cast<std::string>()) : to.cast<Recipient>();
             p.purpose = std::move(purpose);
             return p;
           }),
           py::arg("kind"), py::arg("amount"), py::arg("to") = "parent", py::arg("purpose") = "")
      .def_readonly("kind", &Payment::kind, "The kind of payment.")
      .def_readonly("amount", &Payment::amount, "The amount, as stated.")
      .def_readonly("to", &Payment::to, "Who it is to.")
      .def_readonly("purpose", &Payment::purpose, "What it is for.")
      .def("__eq__",
           [](const Payment& a, const Payment& b) {
             return a.kind == b.kind && a.amount == b.amount && a.to == b.to && a.purpose == b.purpose;
           })
      .def("__repr__", [](const Payment& p) {
        return "Payment(kind='" + std::string(to_string(p.kind)) + "', amount=Money('" + p.amount.to_decimal() +
               "'), to='" + std::string(to_string(p.to)) +
               "', purpose=" + py::repr(py::str(p.purpose)).cast<std::string>() + ")";
      });
  def_pickle(
      payment_class, "Payment", 5,
      [](const Payment& p) {
        return py::make_tuple(kPickleVersion, std::string(to_string(p.kind)), p.amount.pence(),
                              std::string(to_string(p.to)), p.purpose);
      },
      [](const py::tuple& s) {
        if (!PyLong_CheckExact(s[2].ptr())) bad_pickle_state(s, "Payment");
        return Payment{parse_payment_kind(s[1].cast<std::string>()),
                       Money::from_pence(to_int64(s[2], "Payment pickle")), parse_recipient(s[3].cast<std::string>()),
                       s[4].cast<std::string>()};
      });

  py::class_<LostProvision>(m, "LostProvision", "One period of lost provision, as read from the case file.")
      .def_property_readonly(
          "form",
          [](const LostProvision& p) {
            return p.form == LostProvision::Form::length  ? "length"
                   : p.form == LostProvision::Form::dates ? "dates"
                                                          : "months";
          },
          "months, dates or length.")
      .def_property_readonly(
          "start",
          [](const LostProvision& p) -> py::object {
            if (p.form == LostProvision::Form::length) return py::none();
            if (p.form == LostProvision::Form::dates) return py::cast(p.from_date);
            return py::str(to_string(p.from_month));
          },
          "The first month or date, or None for a length.")
      .def_property_readonly(
          "end",
          [](const LostProvision& p) -> py::object {
            if (p.form == LostProvision::Form::length || p.open) return py::none();
            if (p.form == LostProvision::Form::dates) return py::cast(p.to_date);
            return py::str(to_string(p.to_month));
          },
          "The last month or date, or None.")
      .def_readonly("open", &LostProvision::open, "True for an open-ended period.")
      .def_readonly("rate", &LostProvision::rate, "The rate paid.")
      .def_readonly("per", &LostProvision::per, "What the rate is per.")
      .def_readonly("provision", &LostProvision::provision, "How much provision there was.")
      .def_readonly("head", &LostProvision::head, "The head of loss.")
      .def_readonly("note", &LostProvision::note, "Free text carried to the output.")
      .def_readonly("stated_amount", &LostProvision::stated_amount, "The amount the decision states, or None.")
      .def("__repr__", [](const LostProvision& p) {
        return "<LostProvision " + p.rate.format() + " a " + std::string(to_string(p.per)) + ">";
      });

  py::class_<Remedy> remedy_class(m, "Remedy", R"doc(The remedy section of a case (redress.case/1 "remedy").

Remedy.from_json(text_or_dict) reads it with errors naming the JSON path ("remedy.lost_provision[2].to");
calculate() works it out.)doc");
  remedy_class
      .def_static(
          "from_json",
          [](const py::object& doc, const std::string& path) { return remedy_from_json(json_text(doc), path); },
          py::arg("document"), py::arg("path") = "remedy")
      .def("to_json", &remedy_to_json, "The remedy as case-format JSON text.")
      .def_readonly("guidance", &Remedy::guidance, "auto or a version id.")
      .def_readonly("school_calendar", &Remedy::school_calendar, "The school calendar's name.")
      .def_readonly("rounding", &Remedy::rounding, "The rounding for computed lines.")
      .def_readonly("lost_provision", &Remedy::lost_provision, "The periods of lost provision.")
      .def_readonly("payments", &Remedy::payments, "The symbolic payments and reimbursements.")
      .def_readonly("stated_total", &Remedy::stated_total, "The total the decision states, or None.")
      .def("__repr__", [](const Remedy& r) {
        return "<Remedy: " + std::to_string(r.lost_provision.size()) + " periods, " +
               std::to_string(r.payments.size()) + " payments>";
      });
  def_pickle(
      remedy_class, "Remedy", 2, [](const Remedy& r) { return py::make_tuple(kPickleVersion, remedy_to_json(r)); },
      [](const py::tuple& s) { return remedy_from_json(s[1].cast<std::string>()); });

  py::class_<AuditFinding>(m, "AuditFinding", "A stated figure that disagrees with the computed one.")
      .def_readonly("path", &AuditFinding::path, "The JSON path of the stated figure.")
      .def_readonly("stated", &AuditFinding::stated, "The figure the decision states.")
      .def_readonly("computed", &AuditFinding::computed, "The figure redress computes.")
      .def_readonly("message", &AuditFinding::message, "The disagreement in words.")
      .def("__repr__", [](const AuditFinding& a) { return "<AuditFinding " + a.path + ": " + a.message + ">"; });

  py::class_<RemedyLine>(m, "RemedyLine", "One line of a remedy breakdown, with where its figure came from.")
      .def_readonly("path", &RemedyLine::path, "The line's JSON path.")
      .def_readonly("kind", &RemedyLine::kind, "lost_provision or the payment kind.")
      .def_readonly("amount", &RemedyLine::amount, "The amount, rounded once.")
      .def_property_readonly(
          "exact_pence", [](const RemedyLine& l) { return to_py(l.exact_pence); },
          "The amount in pence before rounding, exact.")
      .def_readonly("rounding", &RemedyLine::rounding, "The rounding applied.")
      .def_readonly("to", &RemedyLine::to, "Who it is to.")
      .def_readonly("note", &RemedyLine::note, "The period's note or the payment's purpose.")
      .def_property_readonly(
          "count", [](const RemedyLine& l) -> py::object { return l.count ? to_py(*l.count) : py::none(); },
          "How much school time, in unit (lost provision), or None.")
      .def_readonly("unit", &RemedyLine::unit, "The unit of count.")
      .def_readonly("rate", &RemedyLine::rate, "The rate, or None.")
      .def_readonly("per", &RemedyLine::per, "What the rate is per, or None.")
      .def_readonly("period", &RemedyLine::period, "The period in words.")
      .def_readonly("provision", &RemedyLine::provision, "How much provision there was, or None.")
      .def_readonly("head", &RemedyLine::head, "The head of loss, or None.")
      .def_readonly("guidance", &RemedyLine::guidance, "The guidance version, or empty.")
      .def_readonly("conversion", &RemedyLine::conversion, "The unit conversion that produced the amount.")
      .def_readonly("convention", &RemedyLine::convention,
                    "The counting convention behind the figure (school months 11 a year, term shares, a length ...).")
      .def_readonly("alternative", &RemedyLine::alternative,
                    "What the other convention gives for the same period, or None where only one applies.")
      .def_readonly("alternative_convention", &RemedyLine::alternative_convention,
                    "The other convention, in words, or empty.")
      .def_readonly("within_band", &RemedyLine::within_band, "Whether the rate sits in its band, or None if unchecked.")
      .def_readonly("warnings", &RemedyLine::warnings, "Warnings on the line.")
      .def_readonly("explanation", &RemedyLine::explanation, "The line in words.")
      .def("__repr__", [](const RemedyLine& l) { return "<RemedyLine " + l.path + " " + l.amount.format() + ">"; });

  py::class_<RemedyBreakdown>(m, "RemedyBreakdown", "What is owed, line by line, with totals, warnings and the audit.")
      .def_readonly("lines", &RemedyBreakdown::lines, "Every line, lost provision first.")
      .def_readonly("total", &RemedyBreakdown::total, "The total owed.")
      .def_readonly("by_recipient", &RemedyBreakdown::by_recipient, "Totals by recipient.")
      .def_readonly("by_kind", &RemedyBreakdown::by_kind, "Totals by kind.")
      .def_readonly("guidance", &RemedyBreakdown::guidance, "The guidance version applied, or empty.")
      .def_readonly("guidance_reason", &RemedyBreakdown::guidance_reason, "Why that version.")
      .def_readonly("school_calendar", &RemedyBreakdown::school_calendar, "The school calendar used.")
      .def_readonly("conversions", &RemedyBreakdown::conversions, "The unit conversions, in words.")
      .def_readonly("warnings", &RemedyBreakdown::warnings, "Every line's warnings.")
      .def_readonly("audit", &RemedyBreakdown::audit, "Each stated figure that disagrees.")
      .def_property_readonly("audit_ok", &RemedyBreakdown::audit_ok, "True when every stated figure agrees.")
      .def("explain", &RemedyBreakdown::explain, "Every line's explanation, the total, warnings and the audit.")
      .def("to_json", &breakdown_to_json, "The breakdown as JSON text (money as decimal strings).")
      .def("__repr__", [](const RemedyBreakdown& b) {
        return "<RemedyBreakdown total " + b.total.format() + ", " + std::to_string(b.lines.size()) + " lines>";
      });

  m.def(
      "calculate_remedy",
      [](const py::object& remedy, std::optional<Date> final_decision, std::optional<Date> as_of,
         std::optional<UnitConversions> conversions, bool allow_overlap, std::optional<SchoolCalendar> school_calendar,
         const Guidance* guidance) {
        Remedy r = py::isinstance<Remedy>(remedy) ? remedy.cast<Remedy>() : remedy_from_json(json_text(remedy));
        RemedyOptions o;
        o.final_decision = final_decision;
        o.as_of = today_or(as_of);  // closes open-ended periods: today unless given
        if (conversions) o.conversions = *conversions;
        o.allow_overlap = allow_overlap;
        o.school_calendar = std::move(school_calendar);
        o.guidance = guidance;
        return calculate(r, o);
      },
      py::arg("remedy"), py::kw_only(), py::arg("final_decision") = py::none(), py::arg("as_of") = py::none(),
      py::arg("conversions") = py::none(), py::arg("allow_overlap") = false, py::arg("school_calendar") = py::none(),
      py::arg("guidance") = nullptr,
      R"doc(Works out a remedy: a Remedy, or its case-format JSON (str or dict).

final_decision picks the guidance version when the remedy says "auto"; as_of closes open-ended periods;
conversions overrides the unit conversions; allow_overlap lets periods of one head overlap; school_calendar
overrides the remedy's named calendar; guidance overrides the shipped guidance versions.)doc");
}

}  // namespace redress::python
