// Money and Rounding for Python: an immutable value that behaves like a number of pence and never touches a
// float.
#include <pybind11/native_enum.h>
#include <pybind11/operators.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>

#include "bindings.hpp"
#include "redress/error.hpp"
#include "redress/money.hpp"

namespace py = pybind11;

namespace redress::python {
namespace {

// Money(amount): a str in pounds, an int of whole pounds, a decimal.Decimal, or another Money.
Money money_from(const py::object& amount) {
  if (py::isinstance<Money>(amount)) return amount.cast<Money>();
  if (py::isinstance<py::str>(amount)) return Money::parse(amount.cast<std::string>());
  if (py::isinstance<py::bool_>(amount) || py::isinstance<py::float_>(amount)) {
    throw py::type_error("Money: '" + py::repr(amount).cast<std::string>() + "' is a " +
                         py::type::of(amount).attr("__name__").cast<std::string>() +
                         ": give pounds as a str such as '2907.69', an int, or a decimal.Decimal, never a float");
  }
  if (py::isinstance<py::int_>(amount)) {
    return Money::from_pence(0) + Money::from_pence(to_int64(amount, "Money")) * 100;
  }
  py::object decimal = py::module_::import("decimal").attr("Decimal");
  if (py::isinstance(amount, decimal)) {
    // format(d, "f") writes the exact decimal digits with no exponent; parse applies the two-decimal rule.
    return Money::parse(py::str(py::module_::import("builtins").attr("format")(amount, "f")).cast<std::string>());
  }
  throw py::type_error("Money: '" + py::repr(amount).cast<std::string>() +
                       "' is not an amount: give pounds as a str such as '2907.69', an int, or a decimal.Decimal");
}

// The exact factor of int or fractions.Fraction (anything with integer numerator and denominator but a float).
Fraction fraction_from(const py::object& factor) {
  if (py::isinstance<py::float_>(factor) || py::isinstance<py::bool_>(factor) || !py::hasattr(factor, "numerator") ||
      !py::hasattr(factor, "denominator")) {
    throw py::type_error("factor: '" + py::repr(factor).cast<std::string>() +
                         "' is not exact: give an int or a fractions.Fraction");
  }
  return Fraction(to_int64(factor.attr("numerator"), "factor.numerator"),
                  to_int64(factor.attr("denominator"), "factor.denominator"));
}

}  // namespace

void bind_money(py::module_& m) {
  py::native_enum<Rounding>(m, "Rounding", "enum.Enum",
                            R"doc(How a computed amount is rounded: to the nearest multiple of the unit, halves
away from zero. The names are the case format's values of remedy.rounding.)doc")
      .value("pence", Rounding::pence, "to the penny")
      .value("pound", Rounding::pound, "to the pound")
      .value("five_pounds", Rounding::five_pounds, "to a multiple of £5")
      .value("ten_pounds", Rounding::ten_pounds, "to a multiple of £10")
      .value("fifty_pounds", Rounding::fifty_pounds, "to a multiple of £50")
      .value("hundred_pounds", Rounding::hundred_pounds, "to a multiple of £100")
      .finalize();

  py::class_<Money> money_class(m, "Money", R"doc(An exact amount of money in whole pence.

Money("2907.69"), Money("£1,800.00"), Money(600) (whole pounds), Money(decimal.Decimal("0.10")) and
Money.from_pence(290769) all make one. More than two decimal places, text that is not money, and amounts
beyond 64-bit pence raise redress errors naming the value; floats are refused (TypeError).
Money is immutable, hashable and picklable; arithmetic never rounds unless told how.)doc");
  money_class
      .def(py::init(&money_from), py::arg("amount") = py::str("0"),
           R"doc(Money from pounds: a str ("600", "2907.69", "£1,800.00"), an int of whole pounds or a Decimal.)doc")
      .def_static(
          "from_pence", [](const py::int_& pence) { return Money::from_pence(to_int64(pence, "pence")); },
          py::arg("pence"), R"doc(Money from a whole number of pence.)doc")
      .def_static("parse", &Money::parse, py::arg("text"),
                  R"doc(Money from decimal pounds, as written in a case file or a council report.)doc")
      .def_property_readonly("pence", &Money::pence, R"doc(The amount in whole pence (an int).)doc")
      .def("to_decimal", &Money::to_decimal,
           R"doc(Decimal pounds as the case format writes them: "8800.00", "-0.50".)doc")
      .def("format", &Money::format, R"doc(For people: "£8,800.00".)doc")
      .def(
          "multiply",
          [](const Money& self, const py::object& factor, Rounding rounding) {
            return self.multiply(fraction_from(factor), rounding);
          },
          py::arg("factor"), py::arg("rounding"),
          R"doc(The exact product with an int or fractions.Fraction, rounded once by `rounding`.)doc")
      .def(
          "multiply",
          [](const Money& self, const py::object& factor, const std::string& rounding) {
            return self.multiply(fraction_from(factor), parse_rounding(rounding));
          },
          py::arg("factor"), py::arg("rounding"),
          R"doc(As above, with the rounding given by its case-format name ("pound").)doc")
      .def("rounded", &Money::rounded, py::arg("rounding"), R"doc(This amount rounded by `rounding`.)doc")
      .def(
          "rounded",
          [](const Money& self, const std::string& rounding) { return self.rounded(parse_rounding(rounding)); },
          py::arg("rounding"), R"doc(As above, with the rounding given by its case-format name ("pound").)doc")
      .def(py::self + py::self)
      .def(py::self - py::self)
      .def(-py::self)
      .def(
          "__mul__", [](const Money& self, const py::int_& k) { return self * to_int64(k, "factor"); },
          py::is_operator())
      .def(
          "__rmul__", [](const Money& self, const py::int_& k) { return self * to_int64(k, "factor"); },
          py::is_operator())
      .def(
          "__radd__",
          [](const Money& self, const py::int_& zero) -> py::object {
            // Lets sum() start from its default 0; any other int has no meaning as money.
            if (to_int64(zero, "start") != 0) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
            return py::cast(self);
          },
          py::is_operator())
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def(py::self < py::self)
      .def(py::self <= py::self)
      .def(py::self > py::self)
      .def(py::self >= py::self)
      .def("__hash__", [](const Money& self) { return py::hash(py::int_(self.pence())); })
      .def("__bool__", [](const Money& self) { return self.pence() != 0; })
      .def("__str__", &Money::format)
      .def("__repr__", [](const Money& self) { return "Money('" + self.to_decimal() + "')"; })
      .def("__copy__", [](const Money& self) { return self; })
      .def(
          "__deepcopy__", [](const Money& self, const py::dict&) { return self; }, py::arg("memo"));
  def_pickle(
      money_class, "Money", 2, [](const Money& self) { return py::make_tuple(kPickleVersion, self.pence()); },
      [](const py::tuple& state) {
        if (!PyLong_CheckExact(state[1].ptr())) bad_pickle_state(state, "Money");
        return Money::from_pence(to_int64(state[1], "Money pickle"));
      });
}

}  // namespace redress::python
