// Everything in redress, for a tool that wants one include.
#pragma once

#include "redress/authorities.hpp"
#include "redress/batch.hpp"
#include "redress/calendar.hpp"
#include "redress/complaint.hpp"
#include "redress/deadlines.hpp"
#include "redress/error.hpp"
#include "redress/extract.hpp"
#include "redress/io.hpp"
#include "redress/ledger.hpp"
#include "redress/money.hpp"
#include "redress/remedy.hpp"
#include "redress/tables.hpp"
#include "redress/version.hpp"

namespace redress {
// The version of the compiled library, which may differ from REDRESS_VERSION of the headers if a tool mixes them.
const char* library_version() noexcept;
}  // namespace redress
