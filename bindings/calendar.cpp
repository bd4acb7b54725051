// The calendar layer for Python: datetime.date in and out, and numpy datetime64[D] arrays for the
// functions analysts run over columns (computed in C++ with the GIL released).
#include <pybind11/native_enum.h>
#include <pybind11/numpy.h>
#include <pybind11/operators.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <limits>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "bindings.hpp"
#include "date_caster.hpp"
#include "redress/calendar.hpp"
#include "redress/error.hpp"

namespace py = pybind11;

namespace redress::python {
namespace {

constexpr std::int64_t kNaT = std::numeric_limits<std::int64_t>::min();
const Date kEpoch(1970, 1, 1);

using Days = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;

template <typename E>
E enum_from(const py::handle& value, E (*parse)(std::string_view)) {
  if (py::isinstance<py::str>(value)) return parse(value.cast<std::string>());
  return value.cast<E>();
}

NonWorkingStart policy_from(const py::handle& value) {
  return enum_from(value, &parse_non_working_start);
}

std::string json_text(const py::object& doc) {
  if (py::isinstance<py::str>(doc)) return doc.cast<std::string>();
  return py::module_::import("json").attr("dumps")(doc).cast<std::string>();
}

// The arguments broadcast by numpy as flat contiguous int64 (dates as days since 1970-01-01), and the shape.
std::tuple<Days, Days, py::tuple> broadcast(const py::object& a, const char* a_dtype, const py::object& b,
                                            const char* b_dtype) {
  py::module_ np = py::module_::import("numpy");
  py::object a_arr = np.attr("asarray")(a, a_dtype);
  py::object b_arr = np.attr("asarray")(b, b_dtype);
  py::tuple both = np.attr("broadcast_arrays")(a_arr, b_arr);
  auto as_int64 = [&](const py::object& arr) {
    return Days::ensure(np.attr("ascontiguousarray")(arr).attr("reshape")(-1).attr("view")("int64"));
  };
  return {as_int64(both[0]), as_int64(both[1]), py::tuple(both[0].attr("shape"))};
}

// A flat result back in the broadcast shape; a 0-d result is a numpy scalar, as numpy's own functions return.
py::object shaped(const py::object& flat, const py::tuple& shape) {
  py::object out = flat.attr("reshape")(shape);
  return shape.empty() ? py::object(out[py::tuple()]) : out;
}

py::object as_dates(const py::object& days) {
  return days.attr("view")("datetime64[D]");
}

// Applies `f` element by element without the GIL; NaT in gives NaT (or false) out.
template <typename Out, typename F>
py::array_t<Out> map2(const Days& a, const Days& b, Out missing, F f) {
  py::array_t<Out> out(std::vector<py::ssize_t>(a.shape(), a.shape() + a.ndim()));
  const std::int64_t* pa = a.data();
  const std::int64_t* pb = b.data();
  Out* po = out.mutable_data();
  const py::ssize_t n = a.size();
  {
    py::gil_scoped_release release;
    for (py::ssize_t i = 0; i < n; ++i) po[i] = (pa[i] == kNaT || pb[i] == kNaT) ? missing : f(pa[i], pb[i]);
  }
  return out;
}

// Runs a C++ array function over two broadcast inputs into a new array of their shape, without the GIL.
template <typename Out, typename F>
py::array_t<Out> batch(const Days& a, const Days& b, F f) {
  py::array_t<Out> out(std::vector<py::ssize_t>(a.shape(), a.shape() + a.ndim()));
  const std::int64_t* pa = a.data();
  const std::int64_t* pb = b.data();
  Out* po = out.mutable_data();
  const auto n = static_cast<std::size_t>(a.size());
  {
    py::gil_scoped_release release;
    f(pa, pb, po, n);
  }
  return out;
}

std::int64_t epoch(Date d) {
  return (d - kEpoch).days();
}
Date from_epoch(std::int64_t day) {
  return kEpoch + boost::gregorian::date_duration(day);
}

std::string calendar_repr(const Calendar& c) {
  if (c.name() == "england_and_wales" && c == Calendar::england_and_wales()) return "Calendar.england_and_wales()";
  if (c.name() == "weekdays" && c == Calendar::weekdays_only()) return "Calendar.weekdays_only()";
  return "<redress.Calendar '" + c.name() +
         "': " + std::to_string(c.holidays_between(c.first_date(), c.last_date()).size()) + " holidays " +
         iso(c.first_date()) + " to " + iso(c.last_date()) + ">";
}

}  // namespace

void bind_calendar(py::module_& m) {
  py::native_enum<Unit>(m, "Unit", "enum.Enum", "The unit of a statutory period.")
      .value("days", Unit::days)
      .value("weeks", Unit::weeks)
      .value("months", Unit::months)
      .value("years", Unit::years)
      .value("working_days", Unit::working_days)
      .value("school_days", Unit::school_days)
      .finalize();
  py::native_enum<Counting>(m, "Counting", "enum.Enum", R"doc(How legislation counts a period from day X.

within: "within N units of X": X is not counted; the period ends on the corresponding day.
beginning_with: "N units beginning with X": X is day 1; the period ends the day before.)doc")
      .value("within", Counting::within)
      .value("beginning_with", Counting::beginning_with)
      .finalize();
  py::native_enum<NonWorkingStart>(m, "NonWorkingStart", "enum.Enum",
                                   R"doc(What adding working or school days does from a day that is not one.

roll_forward (the default): move to the next working day, then count: Saturday + 1 = Tuesday, as
numpy.busday_offset(roll="forward"). count_from_day: count from the day itself: Saturday + 1 = Monday, as
QuantLib's advance.)doc")
      .value("roll_forward", NonWorkingStart::roll_forward)
      .value("count_from_day", NonWorkingStart::count_from_day)
      .finalize();

  m.def("parse_date", &parse_date, py::arg("text"), py::arg("field") = "date",
        R"doc(Reads an ISO date "YYYY-MM-DD" strictly; errors name `field` and the text.)doc");
  m.def("add_months", &add_months, py::arg("date"), py::arg("months"),
        R"doc(`date` plus `months` calendar months on the corresponding-date rule (Dodds v Walker [1981]): the
same day of the later month, or its last day where it has none. 30 Sep 1978 + 4 = 30 Jan 1979.)doc");
  m.def(
      "add_months",
      [](const py::object& dates, const py::object& months) {
        auto [d, n, shape] = broadcast(dates, "datetime64[D]", months, "int64");
        const std::int64_t lowest = epoch(Date(1400, 1, 1)), highest = epoch(Date(9999, 12, 31));
        return shaped(as_dates(map2<std::int64_t>(
                          d, n, kNaT,
                          [=](std::int64_t day, std::int64_t k) {
                            if (day < lowest || day > highest) {
                              throw OutOfRange("date", "day " + std::to_string(day) + " counted from 1970-01-01",
                                               "is outside the years 1400-9999");
                            }
                            if (k > 120000 || k < -120000) {
                              throw OutOfRange("months", std::to_string(k),
                                               "is more months than dates redress handles span");
                            }
                            return epoch(add_months(from_epoch(day), static_cast<int>(k)));
                          })),
                      shape);
      },
      py::arg("dates"), py::arg("months"),
      R"doc(Vectorised: numpy datetime64[D] dates (or anything numpy converts) and ints, broadcast; NaT stays NaT.)doc");
  m.def("easter_sunday", &easter_sunday, py::arg("year"),
        R"doc(Easter Sunday of a Gregorian year; Good Friday and Easter Monday are two days either side.)doc");
  m.def("add_years", &add_years, py::arg("date"), py::arg("years"),
        R"doc(`date` plus `years` years on the corresponding-date rule: 29 Feb 2024 + 1 = 28 Feb 2025.)doc");
  m.def(
      "period_end",
      [](Date start, int length, const py::object& unit, const py::object& counting, const Calendar* calendar,
         const SchoolCalendar* school) {
        return period_end(start, length, enum_from(unit, &parse_unit), enum_from(counting, &parse_counting), calendar,
                          school);
      },
      py::arg("start"), py::arg("length"), py::arg("unit"), py::arg("counting") = "within",
      py::arg("calendar") = nullptr, py::arg("school_calendar") = nullptr,
      R"doc(The last day of a period of `length` units counted from `start`.

unit: Unit or its name ("weeks", "working_days", ...); counting: Counting or "within" / "beginning_with".
Working days need `calendar`, school days `school_calendar` (NotComputableError without).
Example: period_end(date(2024, 9, 9), 20, "weeks") is 27 January 2025 (SEND Regulations 2014 reg 13(2)).)doc");

  py::class_<Holiday>(m, "Holiday", "A named non-working day of a Calendar.")
      .def(py::init([](Date date, std::string name) {
             return Holiday{date, std::move(name)};
           }),
           py::arg("date"), py::arg("name"))
      .def_readonly("date", &Holiday::date, "The holiday's date.")
      .def_readonly("name", &Holiday::name, "The holiday's name.")
      .def(py::self == py::self)
      .def("__hash__", [](const Holiday& h) { return py::hash(py::make_tuple(iso(h.date), h.name)); })
      .def("__repr__",
           [](const Holiday& h) {
             return "Holiday(date=datetime.date(" + std::to_string(static_cast<int>(h.date.year())) + ", " +
                    std::to_string(static_cast<int>(h.date.month())) + ", " +
                    std::to_string(static_cast<int>(h.date.day())) +
                    "), name=" + py::repr(py::str(h.name)).cast<std::string>() + ")";
           })
      .def(
          py::pickle([](const Holiday& h) { return py::make_tuple(kPickleVersion, iso(h.date), h.name); },
                     [](const py::tuple& s) {
                       if (s.size() != 3 || s[0].cast<int>() != kPickleVersion) {
                         throw InvalidInput("Holiday pickle", py::repr(s).cast<std::string>(),
                                            "is not a pickled Holiday of a version this release reads (1)");
                       }
                       return Holiday{parse_date(s[1].cast<std::string>(), "Holiday pickle"), s[2].cast<std::string>()};
                     }));

  py::class_<Calendar>(m, "Calendar", R"doc(A working-day calendar: Monday to Friday less its holidays, 1990-2100.

Immutable: merged(), with_holidays() and without_holidays() return a new calendar. Working-day arithmetic is
O(1) per call from tables built once. is_working_day, add_working_days and working_days_between also take
numpy datetime64[D] arrays (or lists, or pandas columns) and return arrays, computed without the GIL.)doc")
      .def_static("england_and_wales", &Calendar::england_and_wales,
                  R"doc(England and Wales bank holidays: the 1971 Act's rules with GOV.UK's substitute days and every
one-off change since 1995 (data/bank_holidays/england-and-wales.json).)doc")
      .def_static("weekdays_only", &Calendar::weekdays_only, "Monday to Friday, no holidays.")
      .def_static("named", &Calendar::named, py::arg("name"), R"doc("england_and_wales" or "weekdays".)doc")
      .def(
          "merged", [](const Calendar& self, const py::object& changes) { return self.merged(json_text(changes)); },
          py::arg("changes"),
          R"doc(A new calendar with a redress.holidays/1 document applied (a JSON str or a dict):
{"format": "redress.holidays/1", "add": [{"date": "2026-12-24", "name": "Council closure"}], "remove": ["2026-05-04"]}.)doc")
      .def("with_holidays", &Calendar::with_holidays, py::arg("holidays"), py::arg("name") = "",
           "A new calendar with these Holiday values added.")
      .def("without_holidays", &Calendar::without_holidays, py::arg("dates"), py::arg("name") = "",
           "A new calendar with these dates no longer holidays.")
      .def_property_readonly("name", &Calendar::name, "The calendar's name.")
      .def_property_readonly("first_date", &Calendar::first_date, "The first date the calendar covers (1990-01-01).")
      .def_property_readonly("last_date", &Calendar::last_date, "The last date the calendar covers (2100-12-31).")
      .def("is_working_day", py::overload_cast<Date>(&Calendar::is_working_day, py::const_), py::arg("date"))
      .def(
          "is_working_day",
          [](const Calendar& self, const py::object& dates) {
            auto [d, ignored, shape] = broadcast(dates, "datetime64[D]", py::int_(0), "int64");
            return shaped(batch<bool>(d, ignored,
                                      [&self](const std::int64_t* days, const std::int64_t*, bool* out, std::size_t n) {
                                        self.is_working_day(days, out, n);
                                      }),
                          shape);
          },
          py::arg("dates"), "Vectorised: a bool array; NaT gives False.")
      .def("is_holiday", &Calendar::is_holiday, py::arg("date"))
      .def("holiday_name", &Calendar::holiday_name, py::arg("date"), "The holiday's name, or None.")
      .def("holidays_between", &Calendar::holidays_between, py::arg("start"), py::arg("end"),
           "Holidays from start to end, both included, in date order.")
      .def("holidays_in_year", &Calendar::holidays_in_year, py::arg("year"))
      .def(
          "add_working_days",
          [](const Calendar& self, Date d, std::int64_t n, const py::object& policy) {
            return self.add_working_days(d, n, policy_from(policy));
          },
          py::arg("date"), py::arg("days"), py::arg("policy") = "roll_forward",
          R"doc(The working day `days` working days after `date` (before, if negative).
From a non-working day, `policy` (NonWorkingStart or its name) decides: roll_forward (default) or count_from_day.)doc")
      .def(
          "add_working_days",
          [](const Calendar& self, const py::object& dates, const py::object& days, const py::object& policy) {
            NonWorkingStart p = policy_from(policy);
            auto [d, n, shape] = broadcast(dates, "datetime64[D]", days, "int64");
            return shaped(as_dates(batch<std::int64_t>(
                              d, n,
                              [&self, p](const std::int64_t* day, const std::int64_t* k, std::int64_t* out,
                                         std::size_t count) { self.add_working_days(day, k, out, count, p); })),
                          shape);
          },
          py::arg("dates"), py::arg("days"), py::arg("policy") = "roll_forward",
          "Vectorised over datetime64[D] dates and int days, broadcast; NaT stays NaT.")
      .def(
          "working_days_between", py::overload_cast<Date, Date>(&Calendar::working_days_between, py::const_),
          py::arg("start"), py::arg("end"),
          R"doc(Working days in [start, end): start counted, end not (as numpy.busday_count); negative if end < start.)doc")
      .def(
          "working_days_between",
          [](const Calendar& self, const py::object& starts, const py::object& ends) {
            auto [a, b, shape] = broadcast(starts, "datetime64[D]", ends, "datetime64[D]");
            return shaped(
                batch<std::int64_t>(a, b,
                                    [&self](const std::int64_t* x, const std::int64_t* y, std::int64_t* out,
                                            std::size_t count) { self.working_days_between(x, y, out, count); }),
                shape);
          },
          py::arg("starts"), py::arg("ends"), "Vectorised: an int64 array (NaT gives the int64 minimum).")
      .def("roll_to_working_day", &Calendar::roll_to_working_day, py::arg("date"), py::arg("forward") = true,
           "The first working day on or after `date` (on or before, if forward is False).")
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__hash__",
           [](const Calendar& self) {
             // Equality is by holidays (names included), so the hash is too: their count and dates.
             std::int64_t sum = 0;
             const auto holidays = self.holidays_between(self.first_date(), self.last_date());
             for (const Holiday& h : holidays) sum += epoch(h.date);
             return py::hash(py::make_tuple(holidays.size(), sum));
           })
      .def("__repr__", &calendar_repr)
      .def("__copy__", [](const Calendar& self) { return self; })
      .def(
          "__deepcopy__", [](const Calendar& self, const py::dict&) { return self; }, py::arg("memo"))
      .def(py::pickle(
          [](const Calendar& self) {
            py::list holidays;
            for (const Holiday& h : self.holidays_between(self.first_date(), self.last_date())) {
              holidays.append(py::make_tuple(iso(h.date), h.name));
            }
            return py::make_tuple(kPickleVersion, self.name(), holidays);
          },
          [](const py::tuple& s) {
            if (s.size() != 3 || s[0].cast<int>() != kPickleVersion) {
              throw InvalidInput("Calendar pickle", py::repr(s).cast<std::string>().substr(0, 80),
                                 "is not a pickled Calendar of a version this release reads (1)");
            }
            std::vector<Holiday> holidays;
            for (const auto& item : s[2].cast<py::list>()) {
              auto pair = item.cast<py::tuple>();
              holidays.push_back(
                  {parse_date(pair[0].cast<std::string>(), "Calendar pickle"), pair[1].cast<std::string>()});
            }
            auto name = s[1].cast<std::string>();
            if (name == "england_and_wales") {
              Calendar base = Calendar::england_and_wales();
              if (base.holidays_between(base.first_date(), base.last_date()) == holidays) return base;
            }
            return Calendar::weekdays_only().with_holidays(holidays, name);
          }));

  py::class_<TermBreak>(m, "TermBreak", "A holiday inside a term (a half-term), both ends included.")
      .def_readonly("name", &TermBreak::name, "The break's name.")
      .def_readonly("start", &TermBreak::from, "First day, included.")
      .def_readonly("end", &TermBreak::to, "Last day, included.")
      .def("__repr__",
           [](const TermBreak& b) { return "<TermBreak " + b.name + " " + iso(b.from) + " to " + iso(b.to) + ">"; });
  py::class_<Term>(m, "Term", "A school term, both ends included, with its breaks.")
      .def_readonly("academic_year", &Term::academic_year, "The academic year, e.g. 2023/24.")
      .def_readonly("name", &Term::name, "autumn, spring or summer.")
      .def_readonly("start", &Term::start, "First day, included.")
      .def_readonly("end", &Term::end, "Last day, included.")
      .def_readonly("breaks", &Term::breaks, "Its half-terms.")
      .def("__repr__", [](const Term& t) {
        return "<Term " + t.academic_year + " " + t.name + " " + iso(t.start) + " to " + iso(t.end) + ">";
      });

  py::class_<SchoolCalendar>(m, "SchoolCalendar", R"doc(A school term calendar.

School days are weekdays inside a term, outside its breaks and closure days, and not bank holidays.
SchoolCalendar.default() is a rule-based standard English school year for 1990-2100 (docs/calendars.md);
SchoolCalendar.named("hampshire") is Hampshire County Council's published dates 2019/20-2025/26;
SchoolCalendar.from_json() loads any calendar in the redress.school_calendar/1 format.)doc")
      .def_static("default", &SchoolCalendar::default_calendar, "The calendar used when a case names none.")
      .def_static("named", &SchoolCalendar::named, py::arg("name"), R"doc("default" or "hampshire".)doc")
      .def_static("names", &SchoolCalendar::names, "The names of the shipped school calendars.")
      .def_static(
          "from_json",
          [](const py::object& doc, const Calendar& holidays) {
            return SchoolCalendar::from_json(json_text(doc), holidays);
          },
          py::arg("document"), py::arg("holidays") = Calendar::england_and_wales(),
          "A calendar from a redress.school_calendar/1 document (a JSON str or a dict).")
      .def_property_readonly("name", &SchoolCalendar::name, "The calendar's name.")
      .def_property_readonly("title", &SchoolCalendar::title, "What it is.")
      .def_property_readonly("source", &SchoolCalendar::source, "Where its dates come from.")
      .def_property_readonly("first_date", &SchoolCalendar::first_date, "The first date it covers.")
      .def_property_readonly("last_date", &SchoolCalendar::last_date, "The last date it covers.")
      .def_property_readonly("terms", &SchoolCalendar::terms, "Its terms in date order.")
      .def_property_readonly("holidays", &SchoolCalendar::holidays, "The working-day calendar of bank holidays used.")
      .def("is_school_day", &SchoolCalendar::is_school_day, py::arg("date"))
      .def("term_at", &SchoolCalendar::term_at, py::arg("date"),
           "The term whose start..end contains `date` (half-terms included), or None.")
      .def("school_days_between", &SchoolCalendar::school_days_between, py::arg("start"), py::arg("end"),
           "School days in [start, end): start counted, end not.")
      .def("school_days_inclusive", &SchoolCalendar::school_days_inclusive, py::arg("first"), py::arg("last"),
           "School days from first to last, both counted.")
      .def(
          "school_weeks_inclusive",
          [](const SchoolCalendar& self, Date first, Date last) {
            Fraction weeks = self.school_weeks_inclusive(first, last);
            return py::module_::import("fractions").attr("Fraction")(weeks.numerator(), weeks.denominator());
          },
          py::arg("first"), py::arg("last"), "School weeks from first to last, both counted: school days / 5, exact.")
      .def(
          "add_school_days",
          [](const SchoolCalendar& self, Date d, std::int64_t n, const py::object& policy) {
            return self.add_school_days(d, n, policy_from(policy));
          },
          py::arg("date"), py::arg("days"), py::arg("policy") = "roll_forward",
          "The school day `days` school days after `date` (before, if negative).")
      .def(py::pickle(
          [](const SchoolCalendar& self) {
            for (const std::string& shipped : SchoolCalendar::names()) {
              if (shipped == self.name()) return py::make_tuple(kPickleVersion, self.name());
            }
            throw InvalidInput("SchoolCalendar", self.name(),
                               "was loaded from JSON: pickle the JSON document and load it again");
          },
          [](const py::tuple& s) {
            if (s.size() != 2 || s[0].cast<int>() != kPickleVersion) {
              throw InvalidInput("SchoolCalendar pickle", py::repr(s).cast<std::string>(),
                                 "is not a pickled SchoolCalendar of version 1");
            }
            return SchoolCalendar::named(s[1].cast<std::string>());
          }))
      .def("__repr__", [](const SchoolCalendar& self) {
        if (self.name() == "default") return std::string("SchoolCalendar.default()");
        for (const std::string& shipped : SchoolCalendar::names()) {
          if (shipped == self.name()) return "SchoolCalendar.named('" + self.name() + "')";
        }
        return "<redress.SchoolCalendar '" + self.name() + "' " + iso(self.first_date()) + " to " +
               iso(self.last_date()) + ">";
      });
}

}  // namespace redress::python
