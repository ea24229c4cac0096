#include "domain/paging.h"

namespace rrma {

void ValidatePageRequest(const PageRequest& page, ValidationErrors& errors) {
  if (page.page < 1 || page.page > PageRequest::kMaxPage) {
    errors.Add("page", "Le numéro de page doit être un entier entre 1 et 1000000.");
  }
  if (page.per_page < 1 || page.per_page > PageRequest::kMaxPerPage) {
    errors.Add("per_page", "Le nombre de résultats par page doit être un entier entre 1 et 200.");
  }
}

}  // namespace rrma
