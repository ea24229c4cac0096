// ReferenceRepository: reads the reference lists shared by every network: countries, the 17 ODD
// and the regional networks with the régions they cover. Thread-safe: each call leases a session.
#pragma once

#include <string>

#include "domain/paging.h"
#include "domain/reference.h"
#include "storage/database.h"

namespace rrma {

class ReferenceRepository {
 public:
  explicit ReferenceRepository(Database& database) : database_(database) {}

  // Countries by French name; text, when given, must start a word of the name (accent-insensitive)
  // or equal the ISO code.
  Page<Country> ListCountries(const std::string& text, const PageRequest& page);
  Page<Odd> ListOdd(const PageRequest& page);
  Page<Network> ListNetworks(const PageRequest& page);

 private:
  Database& database_;
};

}  // namespace rrma
