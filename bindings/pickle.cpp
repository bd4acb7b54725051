// Construction and pickling guards shared by every class of the module (see bindings.hpp).
#include <Python.h>
#include <pybind11/pybind11.h>

#include <string>

#include "bindings.hpp"
#include "redress/error.hpp"

namespace py = pybind11;

namespace redress::python {
namespace {

// pybind11's own __new__, which leaves the C++ value unmade until __init__ runs.
newfunc unguarded_new = nullptr;

// __new__ that runs __init__ itself: the object it returns is whole, or it raises. When Python then calls
// __init__ again (MyClass(...) calls both), pybind11 ignores the second call on an object already made.
PyObject* guarded_new(PyTypeObject* type, PyObject* args, PyObject* kwargs) {
  PyObject* self = unguarded_new(type, args, kwargs);
  if (self == nullptr) return nullptr;
  PyObject* init = PyObject_GetAttrString(reinterpret_cast<PyObject*>(type), "__init__");
  if (init == nullptr) {
    Py_DECREF(self);
    return nullptr;
  }
  const Py_ssize_t n = args == nullptr ? 0 : PyTuple_GET_SIZE(args);
  PyObject* with_self = PyTuple_New(n + 1);
  if (with_self == nullptr) {
    Py_DECREF(init);
    Py_DECREF(self);
    return nullptr;
  }
  Py_INCREF(self);
  PyTuple_SET_ITEM(with_self, 0, self);
  for (Py_ssize_t i = 0; i < n; ++i) {
    PyObject* item = PyTuple_GET_ITEM(args, i);
    Py_INCREF(item);
    PyTuple_SET_ITEM(with_self, i + 1, item);
  }
  PyObject* result = PyObject_Call(init, with_self, kwargs);
  Py_DECREF(with_self);
  Py_DECREF(init);
  if (result == nullptr) {
    Py_DECREF(self);
    return nullptr;
  }
  Py_DECREF(result);
  return self;
}

std::string shown(const py::handle& state) {
  std::string text = py::repr(state).cast<std::string>();
  if (text.size() > 80) text = text.substr(0, 77) + "...";
  return text;
}

}  // namespace

void bad_pickle_state(const py::handle& state, const char* name) {
  throw InvalidInput(std::string(name) + " pickle", shown(state),
                     std::string("is not a pickled ") + name + " of a version this release reads (" +
                         std::to_string(kPickleVersion) + ")");
}

py::tuple pickle_state(const py::handle& state, const char* name, std::size_t size) {
  if (!PyTuple_Check(state.ptr()) || PyTuple_GET_SIZE(state.ptr()) != static_cast<Py_ssize_t>(size)) {
    bad_pickle_state(state, name);
  }
  py::tuple s = py::reinterpret_borrow<py::tuple>(state);
  // The version must be the int 1 itself: not "1", 1.0, True or an int too large for C.
  PyObject* version = s[0].ptr();
  if (!PyLong_CheckExact(version)) bad_pickle_state(state, name);
  int overflow = 0;
  const long long value = PyLong_AsLongLongAndOverflow(version, &overflow);
  if (overflow != 0 || value != kPickleVersion) bad_pickle_state(state, name);
  return s;
}

void guard_construction(py::module_& m) {
  for (const auto& item : m.attr("__dict__").cast<py::dict>()) {
    py::handle value = item.second;
    if (!PyType_Check(value.ptr())) continue;
    auto* type = reinterpret_cast<PyTypeObject*>(value.ptr());
    // Only pybind11's classes: enums and exceptions are Python's own types.
    if (py::detail::get_type_info(type) == nullptr) continue;
    if (unguarded_new == nullptr) unguarded_new = type->tp_new;
    if (type->tp_new != unguarded_new) continue;
    type->tp_new = guarded_new;
    PyType_Modified(type);
  }
}

}  // namespace redress::python
