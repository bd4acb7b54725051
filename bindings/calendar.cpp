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

template <typename E>
E enum_from(const py::handle& value, E (*parse)(std::string_view)) {
  if (py::isinstance<py::str>(value)) return parse(value.cast<std::string>());
  return value.cast<E>();
}

NonWorkingStart policy_from(const py::handle& value) {
  return enum_from(value, &parse_non_working_start);
}

py::module_& numpy() {
  // Held for the life of the interpreter (never released: the module outlives any exit-time teardown).
  static py::module_* np = new py::module_(py::module_::import("numpy"));
  return *np;
}

// One argument of a vectorised function as a flat run of int64 values: dates as days since 1970-01-01 (numpy's
// datetime64[D]), or counts. A C-contiguous array already of the right dtype is read in place (no copy); a
// Python int is one value, never an array; anything else is converted once by numpy.
struct Column {
  py::object keep;  // what owns the memory `data` points into (none for a scalar count)
  const std::int64_t* data = nullptr;
  std::int64_t value = 0;  // a scalar count is kept here
  std::vector<py::ssize_t> shape;
  py::ssize_t size = 1;
  bool scalar() const noexcept { return shape.empty(); }
  // `data` may point at `value`: a copy must point at its own.
  Column() = default;
  Column(const Column& other) { *this = other; }
  Column& operator=(const Column& other) {
    keep = other.keep;
    value = other.value;
    shape = other.shape;
    size = other.size;
    data = other.data == &other.value ? &value : other.data;
    return *this;
  }
};

bool is_dtype(const py::array& a, const char* name) {
  return a.dtype().attr("__eq__")(numpy().attr("dtype")(name)).cast<bool>();
}

Column column_of(const py::object& values) {
  auto arr = py::reinterpret_borrow<py::array>(values);
  if (!(arr.flags() & py::array::c_style)) arr = numpy().attr("ascontiguousarray")(arr);
  Column c;
  c.shape.assign(arr.shape(), arr.shape() + arr.ndim());
  c.size = arr.size();
  c.data = static_cast<const std::int64_t*>(arr.data());
  c.keep = arr;
  if (c.scalar()) {  // a 0-d array: one value
    c.value = *c.data;
    c.data = &c.value;
  }
  return c;
}

// Dates: datetime64[D] in place, anything else (lists, datetime.date, datetime64[ns], pandas) through numpy.
Column dates_column(const py::object& values) {
  if (py::isinstance<py::array>(values) && is_dtype(py::reinterpret_borrow<py::array>(values), "datetime64[D]")) {
    return column_of(values);
  }
  return column_of(numpy().attr("asarray")(values, "datetime64[D]"));
}

// Counts: whole numbers only. A Python int is one value; an int64 array is read in place; other integer arrays
// are converted after a range check (uint64 beyond the int64 range is OutOfRange, never a wrap); floats and
// other types are InvalidInput, never truncated.
Column counts_column(const py::object& values, const char* field) {
  if (py::isinstance<py::int_>(values) && !py::isinstance<py::bool_>(values)) {
    Column c;
    c.value = to_int64(values, field);
    c.data = &c.value;
    return c;
  }
  py::array arr = py::isinstance<py::array>(values) ? py::reinterpret_borrow<py::array>(values)
                                                    : py::array(numpy().attr("asarray")(values));
  const char kind = arr.dtype().kind();
  if (kind != 'i' && kind != 'u') {
    if (arr.size() != 0) {
      throw InvalidInput(field, py::str(py::object(arr.dtype())).cast<std::string>(),
                         "must be whole numbers (an int, or an array of ints), never floats or other types");
    }
  } else if (kind == 'u' && arr.itemsize() == 8 && arr.size() > 0) {
    py::object largest = arr.attr("max")();
    if (largest.attr("__gt__")(py::int_(std::numeric_limits<std::int64_t>::max())).cast<bool>()) {
      throw OutOfRange(field, py::str(largest).cast<std::string>(), "does not fit in a signed 64-bit integer");
    }
  }
  if (!is_dtype(arr, "int64")) arr = numpy().attr("asarray")(arr, "int64");
  return column_of(arr);
}

// Two arguments broadcast by numpy's rules: each then advances one element a result or, as a single value, not
// at all. Shapes that broadcast in any other way are materialised first (rare).
struct Pair {
  Column a, b;
  std::vector<py::ssize_t> shape;
  std::size_t a_step = 1, b_step = 1;
  std::size_t count = 0;
};

py::object as_object(const Column& c) {
  return c.keep ? c.keep : py::object(py::int_(c.value));
}

Pair broadcast(const Column& a, const Column& b) {
  Pair p;
  p.a = a;
  p.b = b;
  if (a.shape == b.shape) {
    p.shape = a.shape;
  } else if (b.size == 1 && a.shape.size() >= b.shape.size()) {
    p.shape = a.shape;
    p.b_step = 0;
  } else if (a.size == 1 && b.shape.size() >= a.shape.size()) {
    p.shape = b.shape;
    p.a_step = 0;
  } else {
    py::tuple both = numpy().attr("broadcast_arrays")(as_object(a), as_object(b));
    p.a = column_of(numpy().attr("ascontiguousarray")(both[0]));
    p.b = column_of(numpy().attr("ascontiguousarray")(both[1]));
    p.shape = p.a.shape;
  }
  std::size_t count = 1;
  for (py::ssize_t extent : p.shape) count *= static_cast<std::size_t>(extent);
  p.count = count;
  return p;
}

// The result handed back: dates viewed as datetime64[D] (no copy); a 0-d result as a numpy scalar, as numpy's
// own functions return.
py::object finished(const py::array& out, const std::vector<py::ssize_t>& shape, bool dates) {
  py::object value = dates ? py::object(out.attr("view")("datetime64[D]")) : py::object(out);
  return shape.empty() ? py::object(value[py::tuple()]) : value;
}

// Runs `f(out, count)` without the GIL into a new array of `shape`: the only allocation a call makes.
template <typename Out, typename F>
py::object run(const std::vector<py::ssize_t>& shape, std::size_t count, bool dates, F f) {
  py::array_t<Out> out = result_array(py::dtype::of<Out>(), shape);
  Out* po = out.mutable_data();
  {
    py::gil_scoped_release release;
    f(po, count);
  }
  return finished(out, shape, dates);
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
        const Pair p = broadcast(dates_column(dates), counts_column(months, "months"));
        const std::int64_t lowest = epoch(Date(kFirstYear, 1, 1)), highest = epoch(Date(kLastYear, 12, 31));
        return run<std::int64_t>(p.shape, p.count, true, [&](std::int64_t* out, std::size_t count) {
          for (std::size_t i = 0; i < count; ++i) {
            const std::int64_t day = p.a.data[i * p.a_step], k = p.b.data[i * p.b_step];
            if (day == kNaT || k == kNaT) {
              out[i] = kNaT;
              continue;
            }
            if (day < lowest || day > highest) {
              throw OutOfRange("dates[" + std::to_string(i) + "]",
                               "day " + std::to_string(day) + " counted from 1970-01-01",
                               "is outside the years redress handles (1400-9999)");
            }
            out[i] = epoch(add_months(from_epoch(day), k));  // add_months checks k before any arithmetic
          }
        });
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

  py::class_<Holiday> holiday_class(m, "Holiday", "A named non-working day of a Calendar.");
  holiday_class
      .def(py::init([](Date date, std::string name) {
             return Holiday{date, std::move(name)};
           }),
           py::arg("date"), py::arg("name"))
      .def_readonly("date", &Holiday::date, "The holiday's date.")
      .def_readonly("name", &Holiday::name, "The holiday's name.")
      .def(py::self == py::self)
      .def("__hash__", [](const Holiday& h) { return py::hash(py::make_tuple(iso(h.date), h.name)); })
      .def("__repr__", [](const Holiday& h) {
        return "Holiday(date=datetime.date(" + std::to_string(static_cast<int>(h.date.year())) + ", " +
               std::to_string(static_cast<int>(h.date.month())) + ", " +
               std::to_string(static_cast<int>(h.date.day())) +
               "), name=" + py::repr(py::str(h.name)).cast<std::string>() + ")";
      });
  def_pickle(
      holiday_class, "Holiday", 3, [](const Holiday& h) { return py::make_tuple(kPickleVersion, iso(h.date), h.name); },
      [](const py::tuple& s) {
        return Holiday{parse_date(s[1].cast<std::string>(), "Holiday pickle"), s[2].cast<std::string>()};
      });

  py::class_<Calendar> calendar_class(m, "Calendar",
                                      R"doc(A working-day calendar: Monday to Friday less its holidays, 1990-2100.

Immutable: merged(), with_holidays() and without_holidays() return a new calendar. Working-day arithmetic is
O(1) per call from tables built once. is_working_day, add_working_days and working_days_between also take
numpy datetime64[D] arrays (or lists, or pandas columns) and return arrays, computed without the GIL.)doc");
  calendar_class
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
            const Column d = dates_column(dates);
            return run<bool>(d.shape, static_cast<std::size_t>(d.size), false,
                             [&](bool* out, std::size_t count) { self.is_working_day(d.data, out, count); });
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
            const NonWorkingStart how = policy_from(policy);
            const Pair p = broadcast(dates_column(dates), counts_column(days, "days"));
            return run<std::int64_t>(p.shape, p.count, true, [&](std::int64_t* out, std::size_t count) {
              self.add_working_days(p.a.data, p.a_step, p.b.data, p.b_step, out, count, how);
            });
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
            const Pair p = broadcast(dates_column(starts), dates_column(ends));
            return run<std::int64_t>(p.shape, p.count, false, [&](std::int64_t* out, std::size_t count) {
              self.working_days_between(p.a.data, p.a_step, p.b.data, p.b_step, out, count);
            });
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
          "__deepcopy__", [](const Calendar& self, const py::dict&) { return self; }, py::arg("memo"));
  def_pickle(
      calendar_class, "Calendar", 3,
      [](const Calendar& self) {
        py::list holidays;
        for (const Holiday& h : self.holidays_between(self.first_date(), self.last_date())) {
          holidays.append(py::make_tuple(iso(h.date), h.name));
        }
        return py::make_tuple(kPickleVersion, self.name(), holidays);
      },
      [](const py::tuple& s) {
        std::vector<Holiday> holidays;
        for (const auto& item : s[2].cast<py::list>()) {
          auto pair = item.cast<py::tuple>();
          holidays.push_back({parse_date(pair[0].cast<std::string>(), "Calendar pickle"), pair[1].cast<std::string>()});
        }
        auto name = s[1].cast<std::string>();
        if (name == "england_and_wales") {
          Calendar base = Calendar::england_and_wales();
          if (base.holidays_between(base.first_date(), base.last_date()) == holidays) return base;
        }
        return Calendar::weekdays_only().with_holidays(holidays, name);
      });

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

  py::class_<SchoolCalendar> school_class(m, "SchoolCalendar", R"doc(A school term calendar.

School days are weekdays inside a term, outside its breaks and closure days, and not bank holidays.
SchoolCalendar.default() is a rule-based standard English school year for 1990-2100 (docs/calendars.md);
SchoolCalendar.named("hampshire") is Hampshire County Council's published dates 2019/20-2025/26;
SchoolCalendar.from_json() loads any calendar in the redress.school_calendar/1 format.)doc");
  school_class.def_static("default", &SchoolCalendar::default_calendar, "The calendar used when a case names none.")
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
          "The school day `days` school days after `date` (before, if negative).");
  def_pickle(
      school_class, "SchoolCalendar", 2,
      [](const SchoolCalendar& self) {
        for (const std::string& shipped : SchoolCalendar::names()) {
          if (shipped == self.name()) return py::make_tuple(kPickleVersion, self.name());
        }
        throw InvalidInput("SchoolCalendar", self.name(),
                           "was loaded from JSON: pickle the JSON document and load it again");
      },
      [](const py::tuple& s) { return SchoolCalendar::named(s[1].cast<std::string>()); });
  school_class.def("__repr__", [](const SchoolCalendar& self) {
    if (self.name() == "default") return std::string("SchoolCalendar.default()");
    for (const std::string& shipped : SchoolCalendar::names()) {
      if (shipped == self.name()) return "SchoolCalendar.named('" + self.name() + "')";
    }
    return "<redress.SchoolCalendar '" + self.name() + "' " + iso(self.first_date()) + " to " + iso(self.last_date()) +
           ">";
  });
}

}  // namespace redress::python
