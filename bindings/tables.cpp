// The table-import layer for Python: column maps, the CSV reader, the row mapper and the DfE timeliness
// measures over case files. python/redress/tables.py builds read_table() and the commands on these.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "redress/error.hpp"
#include "redress/tables.hpp"

namespace py = pybind11;

namespace redress::python {

namespace {

std::ifstream open_in(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InvalidInput("path", path, "cannot be opened for reading");
  return in;
}

py::dict stats_dict(const ImportStats& s) {
  py::dict d;
  d["rows"] = s.rows;
  d["cases"] = s.cases;
  d["errors"] = s.errors;
  d["encoding"] = s.encoding;
  d["delimiter"] = std::string(1, s.delimiter);
  return d;
}

// A CSV file read row by row (the reader keeps the stream).
struct CsvFile {
  std::ifstream in;
  std::unique_ptr<CsvReader> reader;
  CsvFile(const std::string& path, const std::string& delimiter) : in(open_in(path)) {
    if (delimiter.size() > 1) throw InvalidInput("delimiter", delimiter, "must be one character");
    reader = std::make_unique<CsvReader>(in, delimiter.empty() ? '\0' : delimiter[0]);
  }
};

}  // namespace

void bind_tables(py::module_& m) {
  py::class_<TableMap>(m, "TableMap", R"doc(A column map (redress.table-map/1): which column of a table fills which
field of a case. Read one with TableMap.from_json(text) or TableMap.preset("sen2"); loading checks every target
and event name and names anything unknown, with the nearest known name.)doc")
      .def_static(
          "from_json", [](const std::string& text) { return TableMap::from_json(text); }, py::arg("text"),
          R"doc(Reads and checks a map from its JSON text; InvalidInputError names an unknown target or event.)doc")
      .def_static(
          "preset", [](const std::string& name) { return TableMap::preset(name); }, py::arg("name"),
          R"doc(A shipped map: "sen2" (the SEN2 COLLECT export) or "annex-a-sen".)doc")
      .def_static("presets", &TableMap::presets, R"doc(The names of the shipped maps.)doc")
      .def("overridden_by", &TableMap::overridden_by, py::arg("user"),
           R"doc(This map with the user's columns, "set" values and settings replacing its own where both
name them (a user column with the same target as a preset column replaces it).)doc")
      .def("to_json", &TableMap::to_json, R"doc(The map as JSON text.)doc")
      .def_property_readonly(
          "columns",
          [](const TableMap& self) {
            py::list out;
            for (const auto& [column, targets] : self.columns)
              for (const ColumnTarget& t : targets) out.append(py::make_tuple(column, t.target));
            return out;
          },
          R"doc(The (column, target) pairs, in the map's order.)doc")
      .def_readonly("date_format", &TableMap::date_format, R"doc(The map's date format, such as "dd/mm/yyyy".)doc")
      .def_property_readonly(
          "delimiter",
          [](const TableMap& self) { return self.delimiter == 0 ? std::string() : std::string(1, self.delimiter); },
          R"doc(The delimiter the map fixes, or "" when it is sniffed.)doc");

  py::class_<TableMapper>(m, "TableMapper", R"doc(Maps the rows of one table onto cases, one JSON line per row.
TableMapper(map, header) checks that every column the map names is in the header.)doc")
      .def(py::init(
               [](const TableMap& map, const std::vector<std::string>& header) { return TableMapper(map, header); }),
           py::arg("map"), py::arg("header"), R"doc(A mapper for a table with this header row.)doc")
      .def(
          "row",
          [](TableMapper& self, const std::vector<std::string>& cells, std::size_t row, const std::string& error) {
            std::string out;
            self.map_row(cells, row, out, error);
            out.pop_back();
            return out;
          },
          py::arg("cells"), py::arg("row"), py::arg("row_error") = "",
          R"doc(The JSON line (without its newline) for one data row: a case, or
{"row": N, "error": {"column", "value", "message"}}. `row` is the row's number as a spreadsheet shows it.)doc")
      .def_property_readonly(
          "stats", [](const TableMapper& self) { return stats_dict(self.stats()); },
          R"doc(rows, cases and errors so far.)doc");

  py::class_<CsvFile>(m, "CsvFile", R"doc(A CSV file read row by row: the delimiter sniffed (, ; tab |) unless
given, UTF-8 with or without a byte order mark, or Windows-1252 (converted to UTF-8) when the file's start is
not UTF-8. Iterating gives each row as a list of str.)doc")
      .def(py::init<const std::string&, const std::string&>(), py::arg("path"), py::arg("delimiter") = "",
           R"doc(Opens the file and reads enough to sniff the delimiter and the encoding.)doc")
      .def(
          "__iter__", [](CsvFile& self) -> CsvFile& { return self; }, R"doc(The file itself.)doc")
      .def(
          "__next__",
          [](CsvFile& self) {
            std::vector<std::string> cells;
            if (!self.reader->next(cells)) throw py::stop_iteration();
            return cells;
          },
          R"doc(The next row's cells.)doc")
      .def_property_readonly(
          "row", [](const CsvFile& self) { return self.reader->row(); },
          R"doc(The number of the row last read (the header is row 1).)doc")
      .def_property_readonly(
          "row_error", [](const CsvFile& self) { return self.reader->row_error(); },
          R"doc("" or what was wrong with the row last read.)doc")
      .def_property_readonly(
          "encoding", [](const CsvFile& self) { return self.reader->encoding(); },
          R"doc("utf-8", "utf-8-sig" or "windows-1252".)doc")
      .def_property_readonly(
          "delimiter", [](const CsvFile& self) { return std::string(1, self.reader->delimiter()); },
          R"doc(The delimiter in use.)doc");

  m.def(
      "import_csv",
      [](const std::string& path, const TableMap& map, const std::string& out_path) {
        std::ifstream in = open_in(path);
        std::ofstream out(out_path, std::ios::binary);
        if (!out) throw InvalidInput("output", out_path, "cannot be opened for writing");
        ImportStats s;
        {
          py::gil_scoped_release release;
          s = import_csv(in, out, map);
        }
        return stats_dict(s);
      },
      py::arg("path"), py::arg("map"), py::arg("out_path"),
      R"doc(Streams a CSV table into a JSON Lines file, one line per data row (a case or an error line), in
bounded memory. Returns rows, cases, errors, encoding and delimiter.)doc");

  m.def(
      "import_csv_text",
      [](const std::string& path, const TableMap& map) {
        std::ifstream in = open_in(path);
        std::ostringstream out;
        ImportStats s;
        {
          py::gil_scoped_release release;
          s = import_csv(in, out, map);
        }
        return py::make_tuple(out.str(), stats_dict(s));
      },
      py::arg("path"), py::arg("map"), R"doc(As import_csv, but returns (the JSON Lines text, the statistics).)doc");

  m.def(
      "timeliness_of_cases",
      [](const std::string& path) {
        std::ifstream in = open_in(path);
        CaseTimeliness t;
        {
          py::gil_scoped_release release;
          t = timeliness_of_cases(in);
        }
        py::list rows;
        for (const CaseTimelinessRow& r : t.rows) rows.append(timeliness_values(r));
        py::list warnings;
        for (const QualityWarning& w : t.warnings) {
          py::dict d;
          d["line"] = w.line;
          d["id"] = w.case_id;
          d["check"] = w.check;
          d["message"] = w.message;
          warnings.append(d);
        }
        py::dict out;
        out["columns"] = timeliness_columns();
        out["rows"] = rows;
        out["warnings"] = warnings;
        out["warning_counts"] = t.warning_counts;
        out["cases"] = t.cases;
        out["skipped"] = t.skipped;
        return out;
      },
      py::arg("path"),
      R"doc(The DfE's 20-week measures over a JSON Lines file of cases: columns (the DfE's names), rows (their
values as text, "z" where a denominator is 0), the data-quality warnings and their counts per check.)doc");
}

}  // namespace redress::python
