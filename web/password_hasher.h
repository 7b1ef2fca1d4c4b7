#pragma once
// What the web pages need to set a password (user administration's one-time
// passwords, a user's own new password) without including the server: the
// same argon2id hashing as the command line (server/password.h), which the
// server implements (server/web_password_hasher.h).

#include <optional>
#include <string>
#include <string_view>

namespace jadwal::web {

class PasswordHasher {
 public:
  virtual ~PasswordHasher() = default;
  // The argon2id string for `password`, or nullopt if hashing failed. Safe
  // to call from many threads.
  virtual std::optional<std::string> hash(std::string_view password) = 0;
};

}  // namespace jadwal::web
