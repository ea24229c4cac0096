#include "storage/timestamps.h"

#include <ctime>

namespace rrma {
namespace {

std::string FormatNow(const char* format) {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, format, &utc);
  return buffer;
}

}  // namespace

std::string NowIsoUtc() { return FormatNow("%Y-%m-%dT%H:%M:%SZ"); }
std::string TodayIsoUtc() { return FormatNow("%Y-%m-%d"); }

}  // namespace rrma
