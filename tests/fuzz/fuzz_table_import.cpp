// Fuzzes the table importer: any bytes as a CSV file under a fixed column map. Whatever the bytes, the import
// writes one JSON line per data row (a case or an error line) or refuses the header with a redress::Error.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "fuzz_common.hpp"
#include "redress/tables.hpp"

namespace {
const char* const kMap = R"({"format": "redress.table-map/1", "dates": "dd/mm/yyyy",
  "columns": {"Child ID": "id", "Local authority": "authority", "Ombudsman ref": "reference",
              "Date request received": "event:ehc_request_received",
              "Date final plan issued": "event:final_plan_issued",
              "Rate": "remedy.lost_provision[0].rate", "Rate per": "remedy.lost_provision[0].per",
              "Distress": "payment:distress"}})";
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const redress::TableMap map = redress::TableMap::from_json(kMap);
  redress::fuzz::expect_redress_errors_only([&] {
    std::istringstream in(std::string(redress::fuzz::text(data, size)));
    std::ostringstream out;
    const redress::ImportStats stats = redress::import_csv(in, out, map);
    if (stats.cases + stats.errors != stats.rows) std::abort();  // every row has one line out
    std::size_t lines = 0;
    for (const char c : out.str()) lines += c == '\n' ? 1 : 0;
    if (lines != stats.rows) std::abort();
  });
  return 0;
}
