// boost::gregorian::date <-> datetime.date, so every binding that takes or returns a Date speaks Python dates.
// On the way in it also takes an ISO string "YYYY-MM-DD", a numpy.datetime64 scalar and a pandas.Timestamp or
// datetime.datetime (both are datetime.date subclasses: the time of day is dropped). Returned dates are
// datetime.date. Today() is what an omitted `as_of` means in every binding.
#pragma once

#include <Python.h>
#include <datetime.h>
#include <pybind11/pybind11.h>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <optional>
#include <string>

#include "redress/calendar.hpp"
#include "redress/error.hpp"

namespace pybind11::detail {

template <>
struct type_caster<boost::gregorian::date> {
 public:
  PYBIND11_TYPE_CASTER(boost::gregorian::date, io_name("datetime.date | str", "datetime.date"));

  bool load(handle src, bool convert) {
    if (!src) return false;
    if (!PyDateTimeAPI) PyDateTime_IMPORT;
    int year = 0, month = 0, day = 0;
    if (PyDate_Check(src.ptr())) {
      year = PyDateTime_GET_YEAR(src.ptr());
      month = PyDateTime_GET_MONTH(src.ptr());
      day = PyDateTime_GET_DAY(src.ptr());
    } else if (convert && is_datetime64_scalar(src)) {
      object as_date = reinterpret_borrow<object>(src).attr("astype")("datetime64[D]").attr("item")();
      if (as_date.is_none() || !PyDate_Check(as_date.ptr())) {
        throw redress::InvalidInput("date", str(src).cast<std::string>(), "is not a date (NaT or out of range)");
      }
      return load(as_date, false);
    } else if (convert && PyUnicode_Check(src.ptr())) {
      value = redress::parse_date(src.cast<std::string>(), "date");  // InvalidInput: "not a date written YYYY-MM-DD"
      return true;
    } else {
      return false;
    }
    if (year < 1400) {
      throw redress::OutOfRange("date", std::to_string(year) + "-" + std::to_string(month) + "-" + std::to_string(day),
                                "is before 1400, the first year redress handles");
    }
    value = boost::gregorian::date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
                                   static_cast<unsigned short>(day));
    return true;
  }

  static handle cast(const boost::gregorian::date& d, return_value_policy, handle) {
    if (!PyDateTimeAPI) PyDateTime_IMPORT;
    if (d.is_special()) return none().release();
    auto ymd = d.year_month_day();
    return PyDate_FromDate(static_cast<int>(ymd.year), static_cast<int>(ymd.month), static_cast<int>(ymd.day));
  }

 private:
  static bool is_datetime64_scalar(handle src) {
    handle type = reinterpret_cast<PyObject*>(Py_TYPE(src.ptr()));
    return str(type.attr("__name__")).cast<std::string>() == "datetime64";
  }
};

}  // namespace pybind11::detail

namespace redress::python {

// `as_of` as given, or today (the machine's local date) when the caller left it out.
inline boost::gregorian::date today_or(const std::optional<boost::gregorian::date>& as_of) {
  return as_of ? *as_of : boost::gregorian::day_clock::local_day();
}

}  // namespace redress::python
