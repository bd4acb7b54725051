#include <pybind11/pybind11.h>

#include "bindings.hpp"
#include "redress/version.hpp"

PYBIND11_MODULE(_redress, m, pybind11::mod_gil_not_used()) {
  m.doc() = R"doc(The compiled core of redress. Use it through the redress package, which re-exports it.)doc";
  m.attr("__version__") = REDRESS_VERSION;
  redress::python::bind_errors(m);
  redress::python::bind_money(m);
  redress::python::bind_calendar(m);
  redress::python::bind_remedy(m);
  redress::python::bind_deadlines(m);
  redress::python::bind_complaint(m);
  redress::python::bind_case(m);
  redress::python::bind_extract(m);
  redress::python::bind_tables(m);
  redress::python::bind_ledger(m);
}
