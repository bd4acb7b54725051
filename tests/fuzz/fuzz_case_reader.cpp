// Fuzzes the case reader: any bytes as one case document. A case that reads is written back and read again
// (the round trip must succeed), then evaluated, so that dates and amounts the reader accepts are also safe for
// the remedy and deadline engines.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "fuzz_common.hpp"
#include "redress/complaint.hpp"
#include "redress/io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  redress::fuzz::expect_redress_errors_only([&] {
    const redress::CaseFile file = redress::read_case(redress::fuzz::text(data, size));
    const std::string written = redress::write_case(file);
    const redress::CaseFile again = redress::read_case(written);  // what redress wrote, it must read
    if (redress::write_case(again) != written) std::abort();      // and write the same way
    redress::CaseOptions options;
    options.as_of = redress::Date(2026, 11, 22);
    const redress::CaseReport report = redress::evaluate_case(file.value, options);
    (void)redress::case_report_to_json(file.value, report);
  });
  return 0;
}
