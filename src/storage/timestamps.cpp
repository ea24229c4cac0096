#include "storage/timestamps.h"

#include <ctime>

namespace rrma {
namespace {

std::string Format(std::time_t time, const char* format) {
  std::tm utc{};
  gmtime_r(&time, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, format, &utc);
  return buffer;
}

}  // namespace

std::string NowIsoUtc() { return Format(std::time(nullptr), "%Y-%m-%dT%H:%M:%SZ"); }
std::string TodayIsoUtc() { return Format(std::time(nullptr), "%Y-%m-%d"); }
std::string IsoUtc(int64_t unix_seconds) { return Format(static_cast<std::time_t>(unix_seconds), "%Y-%m-%dT%H:%M:%SZ"); }

}  // namespace rrma
