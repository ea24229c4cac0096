// The current UTC time as the ISO 8601 text stored in the database. Thread-safe.
#pragma once

#include <cstdint>
#include <string>

namespace rrma {

std::string NowIsoUtc();    // 2026-11-22T17:52:53Z
std::string TodayIsoUtc();  // 2026-11-22
std::string IsoUtc(int64_t unix_seconds);  // 2026-11-22T17:52:53Z

}  // namespace rrma
