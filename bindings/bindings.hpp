// One bind_* function per layer; module.cpp calls them in layer order.
#pragma once

#include <pybind11/pybind11.h>

#include <cstdint>

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

// Version tag stored in every pickled value, so that later releases can read what earlier ones wrote.
inline constexpr int kPickleVersion = 1;

}  // namespace redress::python
