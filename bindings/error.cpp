// Maps the C++ exception hierarchy one-to-one onto Python exceptions, each carrying field, value and rule.
#include <Python.h>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <exception>
#include <string>

#include "bindings.hpp"
#include "redress/error.hpp"

namespace py = pybind11;

namespace redress::python {
namespace {

// Exception types live as long as the interpreter: held here with a reference that is never released.
PyObject* error_type = nullptr;
PyObject* invalid_input_type = nullptr;
PyObject* not_computable_type = nullptr;
PyObject* out_of_range_type = nullptr;

PyObject* make_type(py::module_& m, const char* name, const char* doc, const py::tuple& bases) {
  py::dict namespace_;
  namespace_["field"] = py::none();
  namespace_["value"] = py::none();
  namespace_["rule"] = py::none();
  std::string qualified = std::string("redress.") + name;
  PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), namespace_.ptr());
  if (type == nullptr) throw py::error_already_set();
  m.add_object(name, py::handle(type));  // add_object takes its own reference; ours stays for the translator
  return type;
}

void raise(PyObject* type, const Error& e) {
  py::object exception = py::reinterpret_borrow<py::object>(type)(e.what());
  exception.attr("field") = e.field();
  exception.attr("value") = e.value();
  exception.attr("rule") = e.rule();
  PyErr_SetObject(type, exception.ptr());
}

}  // namespace

std::int64_t to_int64(const py::handle& value, const char* field) {
  int overflow = 0;
  long long result = PyLong_AsLongLongAndOverflow(value.ptr(), &overflow);
  if (overflow != 0) {
    throw OutOfRange(field, py::str(value).cast<std::string>(), "does not fit in a signed 64-bit integer");
  }
  if (result == -1 && PyErr_Occurred()) throw py::error_already_set();
  return static_cast<std::int64_t>(result);
}

std::string json_text(const py::handle& doc, const char* field) {
  if (py::isinstance<py::str>(doc)) return doc.cast<std::string>();
  if (py::isinstance<py::bytes>(doc)) return std::string(doc.cast<py::bytes>());
  if (py::isinstance<py::bytearray>(doc)) return std::string(doc.cast<py::bytearray>());
  try {
    return py::module_::import("json").attr("dumps")(doc).cast<std::string>();
  } catch (const py::error_already_set& e) {
    if (!e.matches(PyExc_TypeError) && !e.matches(PyExc_ValueError)) throw;
    throw InvalidInput(field, py::str(py::type::of(doc).attr("__name__")).cast<std::string>(),
                       "must be JSON text (a str or bytes) or a value json.dumps can write, such as a dict");
  }
}

void bind_errors(py::module_& m) {
  py::handle value_error(PyExc_ValueError);
  error_type = make_type(m, "Error",
                         "Base of every error redress raises. Attributes: field (what was being read: a type, a "
                         "parameter or a JSON path), value (the input as given) and rule (the rule it broke).",
                         py::make_tuple(py::handle(PyExc_Exception)));
  py::handle error(error_type);
  invalid_input_type =
      make_type(m, "InvalidInputError", "The input is malformed or breaks a rule of the format. Also a ValueError.",
                py::make_tuple(error, value_error));
  not_computable_type =
      make_type(m, "NotComputableError", "The input is well formed but the answer needs something it does not give.",
                py::make_tuple(error));
  out_of_range_type = make_type(m, "OutOfRangeError",
                                "A value is outside what redress can represent or has data for. Also a ValueError.",
                                py::make_tuple(error, value_error));

  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const InvalidInput& e) {
      raise(invalid_input_type, e);
    } catch (const NotComputable& e) {
      raise(not_computable_type, e);
    } catch (const OutOfRange& e) {
      raise(out_of_range_type, e);
    } catch (const Error& e) {
      raise(error_type, e);
    } catch (const boost::gregorian::bad_year& e) {
      // A backstop: the library checks date arithmetic itself, but a Boost date error must never reach Python
      // as a bare IndexError.
      raise(out_of_range_type, OutOfRange("date", e.what(), "is outside the years redress handles (1400-9999)"));
    } catch (const boost::gregorian::bad_month& e) {
      raise(out_of_range_type, OutOfRange("date", e.what(), "is not a month"));
    } catch (const boost::gregorian::bad_day_of_month& e) {
      raise(out_of_range_type, OutOfRange("date", e.what(), "is not a day of that month"));
    }
  });
}

}  // namespace redress::python
