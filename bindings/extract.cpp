// redress.extract: decision statements, public reports and council reports read into case dictionaries.
#include <pybind11/pybind11.h>

#include <string>

#include "bindings.hpp"
#include "redress/error.hpp"
#include "redress/extract.hpp"

namespace py = pybind11;

namespace redress::python {

void bind_extract(py::module_& m) {
  m.def(
      "extract",
      [](const py::object& text, const py::object& source) {
        std::string data;
        if (py::isinstance<py::bytes>(text)) {
          data = text.cast<std::string>();
        } else if (py::isinstance<py::str>(text)) {
          data = text.cast<std::string>();
        } else {
          throw InvalidInput("text", py::str(py::type::of(text).attr("__name__")).cast<std::string>(),
                             "must be str or bytes");
        }
        ExtractOptions options;
        if (!source.is_none()) options.source = py::str(source).cast<std::string>();
        std::string json;
        {
          py::gil_scoped_release release;
          json = extract_json(data, options);
        }
        return py::module_::import("json").attr("loads")(json);
      },
      py::arg("text"), py::arg("source") = py::none(),
      R"doc(Reads a decision statement, public report or council report into a redress.case/1 case.

``text`` is the document as ``str`` (or UTF-8 ``bytes``): plain text, Markdown-like text or an HTML page.
``source`` is the file name recorded in ``extraction.source.file``.

Returns the case as a dict, with an ``"extraction"`` member: ``source`` (file, format, layout), ``provenance``
(one entry per field set: ``path``, ``text``, ``start``, ``end``; ``text[start:end]`` of the str given is the
quoted text), ``review`` (what a person must check) and ``ignored`` (figures not counted, with the reason).
Pass the dict to ``redress.Case.from_json(...)`` to compute its remedy and deadlines (a text with no reference gives a
case without ``reference``, which ``Case`` refuses). Raises ``InvalidInputError`` for binary input.)doc");
}

}  // namespace redress::python
