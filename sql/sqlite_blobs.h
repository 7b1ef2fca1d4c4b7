#pragma once
// The blob statements the SQLite request store shares between its blob
// methods and the writes that attach files.

#include <Poco/Data/Session.h>

#include <string>
#include <string_view>

#include "sql/store.h"

namespace jadwal::sql {

// The hex SHA-256 under which `bytes` are kept.
std::string blobHashOf(std::string_view bytes);

// Inserts the blob, or moves the stored-at mark of the one already there,
// inside the caller's write transaction. Returns its hash.
std::string storeBlob(Poco::Data::Session& session, const std::string& bytes, Instant at);

}  // namespace jadwal::sql
