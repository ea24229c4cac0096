// Loads the official reference data from the files the packages ship: the 2026 COG
// (@etalab/decoupage-administratif: régions, départements, communes, EPCI with their members),
// the countries with French names (i18n-iso-countries), and the two lists this repository keeps
// under reference/ (the 17 ODD, the networks with the régions they cover). Reads files only;
// thread-safe.
#pragma once

#include <filesystem>

#include "domain/reference.h"
#include "domain/status.h"

namespace rrma {

struct ReferencePaths {
  std::filesystem::path node_modules;  // holds @etalab/decoupage-administratif, i18n-iso-countries
  std::filesystem::path repository;    // holds odd.json and networks.json

  // The paths under an rrma home folder (the repository root): node_modules/ and reference/.
  static ReferencePaths UnderHome(const std::filesystem::path& home);
};

// The data, or an Invalid status naming the file that is missing or malformed.
Result<ReferenceData> LoadReferenceData(const ReferencePaths& paths);

}  // namespace rrma
