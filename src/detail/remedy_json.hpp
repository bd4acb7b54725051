// The remedy section read from an already parsed JSON value (the case reader's path); internal.
#pragma once

#include <string>

#include "detail/json_read.hpp"
#include "redress/remedy.hpp"

namespace redress::detail {
Remedy remedy_from(const Json& doc, const std::string& path);
}  // namespace redress::detail
