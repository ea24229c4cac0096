#include "domain/reference.h"

namespace rrma {

std::string ReferenceCollectivite::ReferenceKey() const {
  const std::string& code = category == "epci" ? siren.value_or("") : insee_code.value_or("");
  return category + ":" + code;
}

}  // namespace rrma
