#include "domain/identifiers.h"

#include <algorithm>

namespace rrma {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool AllDigits(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), IsDigit); }

}  // namespace

bool IsValidSiren(std::string_view siren) {
  if (siren.size() != 9 || !AllDigits(siren)) return false;
  int sum = 0;
  for (size_t i = 0; i < siren.size(); ++i) {
    int digit = siren[siren.size() - 1 - i] - '0';
    if (i % 2 == 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 == 0;
}

bool IsValidRna(std::string_view rna) {
  return rna.size() == 10 && (rna[0] == 'W' || rna[0] == 'w') && AllDigits(rna.substr(1));
}

bool IsCommuneInseeCode(std::string_view code) {
  if (code.size() != 5 || !AllDigits(code.substr(2))) return false;
  return AllDigits(code.substr(0, 2)) || code.substr(0, 2) == "2A" || code.substr(0, 2) == "2B";
}

bool IsDepartementCode(std::string_view code) {
  if (code == "2A" || code == "2B") return true;
  if (code.size() == 2 && AllDigits(code)) return code != "00" && code != "20" && code < "96";
  if (code.size() != 3 || !AllDigits(code)) return false;
  // The overseas départements (971 to 976) and the collectivités of the COG with a code of their
  // own: Saint-Barthélemy, Saint-Martin, Wallis-et-Futuna, Polynésie, Nouvelle-Calédonie.
  return (code >= "971" && code <= "978") || (code >= "986" && code <= "988");
}

bool IsRegionCode(std::string_view code) { return code.size() == 2 && AllDigits(code); }

bool IsInseeCode(std::string_view code) {
  return IsRegionCode(code) || IsDepartementCode(code) || IsCommuneInseeCode(code);
}

bool IsCountryAlpha2(std::string_view code) {
  return code.size() == 2 && std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

}  // namespace rrma
