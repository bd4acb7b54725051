// One bind_* function per layer; module.cpp calls them in layer order.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace redress::python {

void bind_errors(pybind11::module_& m);
void bind_money(pybind11::module_& m);
void bind_calendar(pybind11::module_& m);
void bind_remedy(pybind11::module_& m);
void bind_deadlines(pybind11::module_& m);
void bind_complaint(pybind11::module_& m);
void bind_case(pybind11::module_& m);
void bind_extract(pybind11::module_& m);
void bind_tables(pybind11::module_& m);
void bind_ledger(pybind11::module_& m);

// A Python int as int64, or OutOfRangeError naming `field` and the value (never a silent wrap).
std::int64_t to_int64(const pybind11::handle& value, const char* field);

// A JSON document given to a from_json: a str, bytes or bytearray (JSON text, read as it is: the reader checks
// the UTF-8), or any value json.dumps can write (a dict, a list). Anything else is InvalidInputError naming
// `field` and the type.
std::string json_text(const pybind11::handle& doc, const char* field = "document");

// A new C-contiguous array for a vectorised function's result. A large one (1 MiB or more) is mapped with its
// pages already in place (Linux's MAP_POPULATE): one system call instead of a page fault for every 4 KiB the
// first time each is written, which on a virtual machine can cost more than computing the result. The array owns
// the mapping (its base is a capsule); when it is freed, the last mapping is kept for the next result of about its
// size (at most one, at most 1 GiB), so a column computed again reuses pages already in place.
pybind11::array result_array(const pybind11::dtype& dtype, const std::vector<pybind11::ssize_t>& shape);

// Version tag stored in every pickled value, so that later releases can read what earlier ones wrote.
inline constexpr int kPickleVersion = 1;

// --- Pickling --------------------------------------------------------------------------------------------
// No redress object can exist in Python without its C++ value: guard_construction (called last in the module)
// makes __new__ build the whole object by running __init__ (a class without a constructor cannot be made at
// all), so a pickle that calls __new__ with no state, or any other way of calling __new__ alone, never yields
// an uninitialised object. Pickling therefore never goes through __new__ and __setstate__: __reduce__ rebuilds
// a value with redress._pickle.restore(class name, state), which calls the class's _from_state.
void guard_construction(pybind11::module_& m);

// `state` as a tuple of `size` items whose first is kPickleVersion, or InvalidInput naming `name` (never a
// pybind11 cast error, whatever the state holds).
pybind11::tuple pickle_state(const pybind11::handle& state, const char* name, std::size_t size);
// The InvalidInput for a state whose items are not what `name`'s state holds.
[[noreturn]] void bad_pickle_state(const pybind11::handle& state, const char* name);

inline constexpr const char* kGetStateDoc = "The versioned state pickling stores: a tuple whose first item is 1.";
inline constexpr const char* kReduceDoc = "Pickles the value as redress._pickle.restore(name, __getstate__()).";
inline constexpr const char* kFromStateDoc = "The value from a state __getstate__ returned (used by unpickling).";

// Adds __getstate__, __reduce__ and _from_state to `cls`. `get` gives the state tuple (kPickleVersion first);
// `set` rebuilds the value from a state already checked to have `size` items and the version, and may throw
// redress errors; a cast error inside it becomes InvalidInput naming the class.
template <typename T, typename Get, typename Set>
void def_pickle(pybind11::class_<T>& cls, const char* name, std::size_t size, Get get, Set set) {
  namespace py = pybind11;
  cls.def("__getstate__", std::move(get), kGetStateDoc);
  cls.def(
      "__reduce__",
      [](const py::object& self) {
        return py::make_tuple(py::module_::import("redress._pickle").attr("restore"),
                              py::make_tuple(py::type::handle_of<T>().attr("__name__"), self.attr("__getstate__")()));
      },
      kReduceDoc);
  cls.def_static(
      "_from_state",
      [name, size, set = std::move(set)](const py::object& state) -> T {
        py::tuple s = pickle_state(state, name, size);
        try {
          return set(s);
        } catch (const py::cast_error&) {
          bad_pickle_state(state, name);
        } catch (const py::error_already_set& e) {
          if (!e.matches(PyExc_TypeError) && !e.matches(PyExc_IndexError) && !e.matches(PyExc_ValueError)) throw;
          bad_pickle_state(state, name);
        }
      },
      py::arg("state"), kFromStateDoc);
}

}  // namespace redress::python
