#include "workflow/representative.h"

namespace jadwal::workflow {

bool isRepresented(const sql::RequestRow& request) {
  return !request.representativeName.empty() || !request.representativeUser.empty();
}

std::string representativeText(const sql::RequestRow& request, const DisplayNameOf& displayNameOf) {
  if (!isRepresented(request)) return {};
  std::string text = request.representativeName;
  if (text.empty() && displayNameOf) text = displayNameOf(request.representativeUser);
  if (text.empty()) text = request.representativeUser;
  if (!request.representativePosition.empty()) text += (text.empty() ? "" : ", ") + request.representativePosition;
  return text;
}

}  // namespace jadwal::workflow
