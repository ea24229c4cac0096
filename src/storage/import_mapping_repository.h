// The column mapping a network chose for its spreadsheets, kept per network and kind of import
// (organisations, relationships) so that the next upload starts from it. Callers check rights.
// Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "storage/database.h"

namespace rrma {

class ImportMappingRepository {
 public:
  explicit ImportMappingRepository(Database& database) : database_(database) {}

  // kind → the mapping as a JSON object text.
  std::map<std::string, std::string> Load(int64_t network_id);
  bool NetworkExists(int64_t network_id);
  void Save(int64_t network_id, const std::string& kind, const std::string& mapping_json);

 private:
  Database& database_;
};

}  // namespace rrma
