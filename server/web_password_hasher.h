#pragma once
// The web pages' password hashing (web/password_hasher.h): the command
// line's argon2id path, so a password set in the browser verifies as one
// set with `jadwald user passwd`.

#include "server/password.h"
#include "web/password_hasher.h"

namespace jadwal::server {

class WebPasswordHasher final : public web::PasswordHasher {
 public:
  std::optional<std::string> hash(std::string_view password) override { return hashPassword(password); }
};

}  // namespace jadwal::server
