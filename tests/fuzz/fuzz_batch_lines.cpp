// Fuzzes the batch over an in-memory stream: any bytes as a JSON Lines file. Whatever the lines hold, the batch
// must answer with one output line per input line (a result or an error row), never a crash.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "fuzz_common.hpp"
#include "redress/batch.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  redress::fuzz::expect_redress_errors_only([&] {
    std::istringstream in(std::string(redress::fuzz::text(data, size)));
    std::ostringstream out;
    std::ostringstream csv;
    redress::BatchOptions options;
    options.as_of = redress::Date(2026, 11, 22);
    (void)redress::run_batch(in, out, options, &csv);
  });
  return 0;
}
