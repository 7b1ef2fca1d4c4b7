#pragma once
// The limits on logins ([auth] in the configuration), read by the
// Authenticator and the login page.

#include <chrono>
#include <cstddef>

namespace jadwal::server {

// A failure limit of 0 turns that limit off.
struct LoginLimits {
  std::size_t failuresPerAddressAndName = 20;        // wrong passwords per hour, per client address and user name
  std::size_t failuresPerAddress = 100;              // per hour, per client address, all names together
  std::size_t failuresPerDevice = 10;                // per hour, per known device (web login)
  std::size_t maxVerifications = 2;                  // argon2id checks at once (about the number of cores)
  std::size_t maxWaitingVerifications = 4;           // checks waiting for one of those; others get 503 at once
  std::chrono::milliseconds verificationWait{1000};  // how long a check waits for a slot
  // How long a login waits for the check of the same credentials that
  // another request is running (a slot's wait plus the check itself);
  // past it the login is answered busy, whatever that check does.
  std::chrono::milliseconds verificationDeadline{5000};
  std::chrono::seconds knownDeviceLifetime{90 * 24 * 3600};  // a known-device cookie's life; 0: none issued
  // A user's last login is written at most this often (CalDAV clients log
  // in with every request; see server/last_logins.h).
  std::chrono::seconds lastLoginInterval{300};
};

}  // namespace jadwal::server
