// CaseReference for Python.
#include <pybind11/operators.h>
#include <pybind11/pybind11.h>

#include <string>

#include "bindings.hpp"
#include "redress/complaint.hpp"
#include "redress/error.hpp"

namespace py = pybind11;

namespace redress::python {

void bind_complaint(py::module_& m) {
  py::class_<CaseReference>(m, "CaseReference", R"doc(The Ombudsman's case reference, written "21 002 722".

CaseReference("21 002 722"), CaseReference("21002722") and CaseReference("21-002-722") are the same
reference; str() gives the canonical form. Anything else raises InvalidInputError naming the text.)doc")
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
          "__deepcopy__", [](const CaseReference& self, const py::dict&) { return self; }, py::arg("memo"))
      .def(py::pickle([](const CaseReference& self) { return py::make_tuple(kPickleVersion, self.str()); },
                      [](const py::tuple& state) {
                        if (state.size() != 2 || state[0].cast<int>() != kPickleVersion) {
                          throw InvalidInput("CaseReference pickle", py::repr(state).cast<std::string>(),
                                             "is not a pickled CaseReference of a version this release reads (1)");
                        }
                        return CaseReference(state[1].cast<std::string>());
                      }));
}

}  // namespace redress::python
