// Checks of official French identifiers and codes, as the API conventions require them:
// SIREN (9 digits passing the Luhn check), RNA (W + 9 digits), INSEE codes of communes,
// départements and régions (COG formats), ISO 3166-1 alpha-2 country codes (format only).
// Pure functions, thread-safe. They check the shape; existence is checked against stored data.
#pragma once

#include <string_view>

namespace rrma {

bool IsValidSiren(std::string_view siren);
bool IsValidRna(std::string_view rna);
// A commune (or commune déléguée, arrondissement) code: 5 characters, "2A"/"2B" allowed for Corsica.
bool IsCommuneInseeCode(std::string_view code);
// A département code of the COG: 01 to 95 (no 20), 2A, 2B, overseas 971 to 976, and the
// collectivités of 975, 977, 978 and 986 to 988.
bool IsDepartementCode(std::string_view code);
// A région code: 2 digits.
bool IsRegionCode(std::string_view code);
// Any INSEE code the directory may be searched by: région, département or commune.
bool IsInseeCode(std::string_view code);
bool IsCountryAlpha2(std::string_view code);

}  // namespace rrma
