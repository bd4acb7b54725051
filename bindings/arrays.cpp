// Result arrays for the vectorised functions (see bindings.hpp).
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cstddef>
#include <mutex>
#include <vector>

#include "bindings.hpp"

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace py = pybind11;

namespace redress::python {

#if defined(__linux__) && defined(MAP_POPULATE)
namespace {

struct Mapping {
  void* pages = nullptr;
  std::size_t bytes = 0;
};

// The last mapping a result gave back, kept for the next result of the same size or a little smaller, so that
// a column computed again and again (a loop, a notebook cell run twice) reuses pages already in place. At most
// one is kept, and none larger than kMaxKept.
constexpr std::size_t kMaxKept = std::size_t{1} << 30;
std::mutex kept_mutex;
Mapping kept;

Mapping take_mapping(std::size_t bytes) {
  {
    std::lock_guard<std::mutex> lock(kept_mutex);
    if (kept.pages != nullptr && kept.bytes >= bytes && kept.bytes / 2 <= bytes) {
      Mapping reused = kept;
      kept = Mapping{};
      return reused;
    }
  }
  void* pages = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
  if (pages == MAP_FAILED) return Mapping{};
  return Mapping{pages, bytes};
}

void give_back(Mapping mapping) {
  Mapping dropped = mapping;
  if (mapping.bytes <= kMaxKept) {
    std::lock_guard<std::mutex> lock(kept_mutex);
    dropped = kept;
    kept = mapping;
  }
  if (dropped.pages != nullptr) munmap(dropped.pages, dropped.bytes);
}

}  // namespace
#endif

py::array result_array(const py::dtype& dtype, const std::vector<py::ssize_t>& shape) {
#if defined(__linux__) && defined(MAP_POPULATE)
  std::size_t bytes = static_cast<std::size_t>(dtype.itemsize());
  for (py::ssize_t extent : shape) bytes *= static_cast<std::size_t>(extent);
  constexpr std::size_t kMapped = std::size_t{1} << 20;
  if (bytes >= kMapped) {
    const Mapping mapping = take_mapping(bytes);
    if (mapping.pages != nullptr) {
      py::capsule owner(new Mapping(mapping), [](void* p) {
        auto* owned = static_cast<Mapping*>(p);
        give_back(*owned);
        delete owned;
      });
      return py::array(dtype, shape, std::vector<py::ssize_t>{}, mapping.pages, owner);
    }
    // No mapping to be had: numpy's own allocator below.
  }
#endif
  return py::array(dtype, shape);
}

}  // namespace redress::python
