// Fuzzes the extractor: any bytes as a decision text, council report or HTML page. What it extracts must be a case
// the library reads back (the case part went through read_case), and nothing may escape but a redress::Error.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"
#include "redress/extract.hpp"
#include "redress/io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  redress::fuzz::expect_redress_errors_only([&] {
    redress::ExtractOptions options;
    options.source = "fuzz.txt";
    const std::string json = redress::extract_json(redress::fuzz::text(data, size), options);
    (void)redress::extract_case(redress::fuzz::text(data, size), options);
    (void)json;
  });
  return 0;
}
