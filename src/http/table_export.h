// Lists as files a spreadsheet opens: CSV (« ; », UTF-8 with a byte-order mark, CRLF — what a
// French Excel opens by a double click) and XLSX (libxlsxwriter), chosen by `format=csv|xlsx` on
// the list routes. Every row of the list, not a page, up to kMaxExportRows; cells are written as
// text, and a CSV cell a spreadsheet would run as a formula (=, +, -, @) is prefixed with « ' ».
#pragma once

#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "http/message.h"
#include "http/request_input.h"

namespace rrma::http {

inline constexpr size_t kMaxExportRows = 20'000;

enum class ExportFormat { kCsv, kXlsx };

struct ExportTable {
  std::string file_name;  // without extension: "pistes-territoires-solidaires"
  std::string sheet_name;  // at most 31 characters
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// A place among the requests of one costly kind being answered: only Kind::kAtOnce at a time,
// the others are told to come back (429) rather than queue behind them.
template <typename Kind>
class Slot {
 public:
  // A slot, or nothing when every one is taken.
  static std::optional<Slot> Take() {
    if (in_use_.fetch_add(1) >= Kind::kAtOnce) {
      in_use_.fetch_sub(1);
      return std::nullopt;
    }
    return Slot();
  }
  Slot(Slot&& other) noexcept : held_(other.held_) { other.held_ = false; }
  Slot(const Slot&) = delete;
  Slot& operator=(const Slot&) = delete;
  Slot& operator=(Slot&&) = delete;
  ~Slot() {
    if (held_) in_use_.fetch_sub(1);
  }

 private:
  Slot() = default;
  static inline std::atomic<int> in_use_{0};
  bool held_ = true;
};

// A whole list costs far more than a page: two exports are built at a time.
struct Exports {
  static constexpr int kAtOnce = 2;
};
using ExportSlot = Slot<Exports>;

// The answer when no slot is free: 429, come back in a few seconds.
void WriteExportsBusy(Response& response);

// The format asked by the query parameter `format` (csv or xlsx), none when absent (JSON);
// records an error naming format for any other value.
std::optional<ExportFormat> ReadExportFormat(QueryInput& input);

// Writes the table as an attachment in that format.
void WriteExport(Response& response, const ExportTable& table, ExportFormat format);

}  // namespace rrma::http
