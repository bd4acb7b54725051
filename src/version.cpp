#include "redress/redress.hpp"

namespace redress {
const char* library_version() noexcept {
  return REDRESS_VERSION;
}
}  // namespace redress
