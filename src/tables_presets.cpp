// The shipped column maps (data/maps/*.json, compiled in by CMake as generated/table_presets.inc).
#include <string>
#include <utility>
#include <vector>

#include "redress/error.hpp"
#include "redress/tables.hpp"

namespace redress {

namespace {

const std::vector<std::pair<std::string, std::string>>& preset_texts() {
  static const std::vector<std::pair<std::string, std::string>> presets = {
#include "table_presets.inc"
  };
  return presets;
}

}  // namespace

std::vector<std::string> TableMap::presets() {
  std::vector<std::string> names;
  for (const auto& p : preset_texts()) names.push_back(p.first);
  return names;
}

TableMap TableMap::preset(std::string_view name) {
  for (const auto& p : preset_texts()) {
    if (p.first == name) return from_json(p.second);
  }
  std::string all;
  for (const auto& p : preset_texts()) all += (all.empty() ? "" : ", ") + p.first;
  throw InvalidInput("map", std::string(name), "is not a preset (the presets are " + all + ")");
}

}  // namespace redress
