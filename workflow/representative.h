#pragma once
// How a request names whoever represents the leader, in every output (the
// event, mails, the staff and public pages), so they never disagree.

#include <functional>
#include <string>

#include "sql/request_store.h"

namespace jadwal::workflow {

// A user's shown name from their login name ("" when unknown).
using DisplayNameOf = std::function<std::string(const std::string& userName)>;

// True when someone stands in for the leader (a user or a named person).
bool isRepresented(const sql::RequestRow& request);

// "Name, Position": the name typed or kept at the decision, else the
// representing user's display name (through `displayNameOf` when given),
// else their login name; the position follows when there is one. Empty
// when nobody represents the leader.
std::string representativeText(const sql::RequestRow& request, const DisplayNameOf& displayNameOf = {});

}  // namespace jadwal::workflow
