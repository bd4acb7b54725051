// Councils by name: the common spellings of one council ("Dudley MBC", "Dudley Metropolitan Borough Council")
// reduced to one short name ("Dudley"), and the reorganisations since 2019 (data/authorities/authorities.json,
// compiled in), so that a fault found against a predecessor council and later against its successor is seen as
// the same authority's repeat.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "redress/calendar.hpp"

namespace redress {

// One predecessor -> successor step of a reorganisation, as the structural changes order made it.
struct AuthoritySuccession {
  std::string predecessor;  // "Dorset County Council"
  std::string successor;    // "Dorset Council"
  Date date;                // the day the successor took over (2019-04-01)
  std::string share;        // "whole", "principal" (most of the area) or "part" (one of several successors)
  std::string note;         // which area, where the successor took only part
  std::string instrument;   // "The Bournemouth, Dorset and Poole (Structural Changes) Order 2018 (SI 2018/648), ..."
  std::string url;
};

// The shipped table of reorganisations, in the file's order.
const std::vector<AuthoritySuccession>& authority_successions();

// The council's short name: the name without "Council", "County Council", "Metropolitan Borough Council",
// "MBC", "City Council" and similar endings, "&" read as "and", spaces collapsed; a listed irregular spelling
// ("BCP Council") gives its listed name. "Dudley MBC" and "Dudley Metropolitan Borough Council" -> "Dudley".
// InvalidInput for an empty name.
std::string authority_short_name(std::string_view name);

// The short name of the council answerable for `name`'s cases on `on` (no date: today's structure): a
// predecessor abolished on or before `on` gives its whole or principal successor, step by step ("Dorset County
// Council" in 2022 -> "Dorset"); before the change, or where the area was split among successors with none
// principal (Northamptonshire, Cumbria), the council's own short name. This is the key a summary per authority
// groups by.
std::string canonical_authority(std::string_view name, std::optional<Date> on = std::nullopt);

// The short names of the council and of every council it succeeded, directly or through other successions,
// the council's own name first ("West Northamptonshire" -> {"West Northamptonshire", "Northamptonshire"}).
std::vector<std::string> authority_lineage(std::string_view name);

// True when the two names are one council or one succeeded the other (in either direction): what makes an
// earlier case "the same authority or a predecessor".
bool same_authority(std::string_view a, std::string_view b);

}  // namespace redress
