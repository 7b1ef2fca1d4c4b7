#define BOOST_TEST_MODULE auth
#include <boost/test/unit_test.hpp>

#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "server/authenticator.h"
#include "server/credential_cache.h"
#include "server/password.h"
#include "server/verification_gate.h"
#include "sql/store.h"

using namespace jadwal::server;
using namespace std::chrono_literals;

namespace {

std::string basic(const std::string& userColonPassword) {
  std::string out(sodium_base64_ENCODED_LEN(userColonPassword.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(userColonPassword.data()),
                    userColonPassword.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.find('\0'));
  return "Basic " + out;
}

// A clock the test moves by hand.
struct ManualClock {
  std::chrono::steady_clock::time_point now{std::chrono::hours(1000)};
  CredentialCache::Clock function() {
    return [this] { return now; };
  }
};

bool contains(const CredentialCache::Digest& digest, const std::string& needle) {
  return std::search(digest.begin(), digest.end(), needle.begin(), needle.end()) != digest.end();
}

// A real SQLite store in a fresh file, removed afterwards.
struct StoreFixture {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("jadwal-auth-test-" + std::to_string(::getpid()) + ".db");
  std::unique_ptr<jadwal::sql::Store> store;
  StoreFixture() {
    std::filesystem::remove(path);
    store = jadwal::sql::openStore("sqlite:" + path.string());
    store->migrate();
  }
  ~StoreFixture() {
    store.reset();
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path.string() + suffix);
  }
  jadwal::sql::User addUser(const std::string& name, const std::string& password) {
    jadwal::sql::User user;
    user.name = name;
    user.role = jadwal::sql::Role::ProtocolStaff;
    user.displayName = "Staf " + name;
    user.passwordHash = hashPassword(password).value();
    return store->createUser(user).value();
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(hash_is_argon2id_and_verifies_only_the_right_password) {
  const auto hash = hashPassword("rahasia-123");
  BOOST_REQUIRE(hash);
  BOOST_TEST(hash->rfind("$argon2id$", 0) == 0u);
  BOOST_TEST(hash->find("rahasia-123") == std::string::npos);
  BOOST_TEST(verifyPassword("rahasia-123", *hash));
  BOOST_TEST(!verifyPassword("rahasia-124", *hash));
  BOOST_TEST(!verifyPassword("", *hash));
  BOOST_TEST(*hashPassword("rahasia-123") != *hash);  // salted
}

BOOST_AUTO_TEST_CASE(malformed_hashes_never_verify) {
  BOOST_TEST(!verifyPassword("x", ""));
  BOOST_TEST(!verifyPassword("x", "x"));
  BOOST_TEST(!verifyPassword("x", "$argon2id$v=19$m=65536,t=2,p=1$garbage"));
  BOOST_TEST(!verifyPassword("x", std::string(500, 'a')));
}

BOOST_AUTO_TEST_CASE(utf8_length_counts_characters) {
  BOOST_TEST(utf8Length("abcdefgh") == 8u);
  BOOST_TEST(utf8Length("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9") == 4u);  // four e-acute: eight bytes
}

BOOST_AUTO_TEST_CASE(basic_header_parsing) {
  auto parsed = parseBasicAuthorization(basic("bupati:kata:sandi"));
  BOOST_REQUIRE(parsed);
  BOOST_TEST(parsed->user == "bupati");
  BOOST_TEST(parsed->password == "kata:sandi");  // only the first colon separates

  auto lower = parseBasicAuthorization("basic " + basic("a1:p\xC3\xA4ss").substr(6));
  BOOST_REQUIRE(lower);
  BOOST_TEST(lower->password == "p\xC3\xA4ss");

  auto empty = parseBasicAuthorization(basic("sekda:"));
  BOOST_REQUIRE(empty);
  BOOST_TEST(empty->password.empty());

  BOOST_TEST(!parseBasicAuthorization("").has_value());
  BOOST_TEST(!parseBasicAuthorization("Basic").has_value());
  BOOST_TEST(!parseBasicAuthorization("Basic ").has_value());
  BOOST_TEST(!parseBasicAuthorization("Bearer abc.def").has_value());
  BOOST_TEST(!parseBasicAuthorization("Basic !!!notbase64").has_value());
  BOOST_TEST(!parseBasicAuthorization(basic("no-colon")).has_value());
  BOOST_TEST(!parseBasicAuthorization(basic(":password")).has_value());
  BOOST_TEST(!parseBasicAuthorization("Basicx " + basic("a:b").substr(6)).has_value());
}

BOOST_AUTO_TEST_CASE(cache_hit_miss_and_expiry) {
  ManualClock clock;
  CredentialCache cache(60s, 16, clock.function());
  BOOST_TEST(!cache.contains("ani", "$hash", "secret-1"));
  cache.remember("ani", "$hash", "secret-1");
  BOOST_TEST(cache.contains("ani", "$hash", "secret-1"));
  BOOST_TEST(!cache.contains("ani", "$hash", "secret-2"));
  BOOST_TEST(!cache.contains("budi", "$hash", "secret-1"));
  clock.now += 59s;
  BOOST_TEST(cache.contains("ani", "$hash", "secret-1"));
  clock.now += 1s;
  BOOST_TEST(!cache.contains("ani", "$hash", "secret-1"));
}

BOOST_AUTO_TEST_CASE(a_new_stored_hash_invalidates_the_entry) {
  CredentialCache cache(60s, 16);
  cache.remember("ani", "$argon2id$old", "secret-1");
  BOOST_TEST(!cache.contains("ani", "$argon2id$new", "secret-1"));
}

BOOST_AUTO_TEST_CASE(a_wrong_password_does_not_evict) {
  CredentialCache cache(60s, 16);
  cache.remember("ani", "$hash", "secret-1");
  const auto before = cache.storedDigest("ani");
  for (int i = 0; i < 5; ++i) BOOST_TEST(!cache.contains("ani", "$hash", "guess-" + std::to_string(i)));
  BOOST_TEST(cache.contains("ani", "$hash", "secret-1"));
  BOOST_TEST((cache.storedDigest("ani") == before));
}

BOOST_AUTO_TEST_CASE(cache_never_stores_the_password) {
  const std::string password = "plaintext-password";
  CredentialCache cache(60s, 16);
  cache.remember("ani", "$hash", password);
  const auto stored = cache.storedDigest("ani");
  BOOST_TEST(!contains(stored, password.substr(0, 8)));
  BOOST_TEST((stored != CredentialCache::Digest{}));
  // Keyed with a per-process random key: the same input gives another digest in another cache.
  CredentialCache other(60s, 16);
  BOOST_TEST((other.digestOf("$hash", password) != stored));
  // And not the plain unkeyed hash of the password either.
  CredentialCache::Digest unkeyed{};
  crypto_generichash(unkeyed.data(), unkeyed.size(), reinterpret_cast<const unsigned char*>(password.data()),
                     password.size(), nullptr, 0);
  BOOST_TEST((unkeyed != stored));
}

BOOST_AUTO_TEST_CASE(cache_size_is_bounded) {
  ManualClock clock;
  CredentialCache cache(60s, 3, clock.function());
  for (int i = 0; i < 10; ++i) {
    cache.remember("user" + std::to_string(i), "$h", "pw");
    clock.now += 1s;
  }
  BOOST_TEST(cache.size() == 3u);
  BOOST_TEST(cache.contains("user9", "$h", "pw"));  // the newest stay, the oldest went
  BOOST_TEST(!cache.contains("user0", "$h", "pw"));
}

BOOST_AUTO_TEST_CASE(zero_ttl_disables_the_cache) {
  CredentialCache cache(0s, 16);
  cache.remember("ani", "$hash", "secret-1");
  BOOST_TEST(!cache.contains("ani", "$hash", "secret-1"));
  BOOST_TEST(cache.size() == 0u);
}

BOOST_FIXTURE_TEST_CASE(authenticator_checks_users_in_the_store, StoreFixture) {
  addUser("protokol1", "sandi-rahasia");
  CredentialCache cache(60s, 16);
  Authenticator authenticator(*store, cache);

  auto user = authenticator.authenticate(basic("protokol1:sandi-rahasia"));
  BOOST_REQUIRE(user);
  BOOST_TEST(user->name == "protokol1");
  BOOST_TEST(user->displayName == "Staf protokol1");
  BOOST_TEST(cache.size() == 1u);

  BOOST_TEST(!authenticator.authenticate(basic("protokol1:salah-sandi")).has_value());
  BOOST_TEST(!authenticator.authenticate(basic("tamu:sandi-rahasia")).has_value());
  BOOST_TEST(!authenticator.authenticate("").has_value());
  BOOST_TEST(!authenticator.authenticate("Digest username=\"protokol1\"").has_value());
  BOOST_TEST(
      authenticator.authenticate(basic("protokol1:sandi-rahasia")).has_value());  // still cached after the failures
}

BOOST_FIXTURE_TEST_CASE(failures_are_limited_per_client_and_user, StoreFixture) {
  addUser("ani", "sandi-ani-benar");
  addUser("budi", "sandi-budi-benar");
  CredentialCache cache(60s, 16);
  LoginLimits limits;
  limits.failuresPerAddressAndName = 2;
  Authenticator authenticator(*store, cache, limits);

  // Ani's phone, signed in a minute ago, keeps working whatever happens next.
  BOOST_TEST(authenticator.authenticateFrom(basic("ani:sandi-ani-benar"), "10.0.0.1").user.has_value());
  for (int i = 0; i < 2; ++i) {
    auto result = authenticator.authenticateFrom(basic("ani:tebakan-" + std::to_string(i)), "10.0.0.9");
    BOOST_TEST(!result.user);
    BOOST_TEST(!result.throttled);
  }
  // Past the limit nothing is checked from that address for that user...
  auto guessed = authenticator.authenticateFrom(basic("ani:tebakan-lagi"), "10.0.0.9");
  BOOST_TEST(guessed.throttled);
  BOOST_TEST(!guessed.user);
  // ...except credentials verified recently, which the cache holds.
  BOOST_TEST(authenticator.authenticateFrom(basic("ani:sandi-ani-benar"), "10.0.0.9").user.has_value());
  // Other users and other addresses go on as before.
  BOOST_TEST(authenticator.authenticateFrom(basic("budi:sandi-budi-benar"), "10.0.0.9").user.has_value());
  BOOST_TEST(!authenticator.authenticateFrom(basic("ani:salah"), "10.0.0.2").throttled);
  // Unknown names count too, so probing names costs the same.
  for (int i = 0; i < 2; ++i) authenticator.authenticateFrom(basic("siapa:x"), "10.0.0.9");
  BOOST_TEST(authenticator.authenticateFrom(basic("siapa:x"), "10.0.0.9").throttled);
}

BOOST_FIXTURE_TEST_CASE(failures_are_limited_per_client_across_names, StoreFixture) {
  addUser("ani", "sandi-ani-benar");
  CredentialCache cache(0s, 16);  // no cache: every attempt is checked
  LoginLimits limits;
  limits.failuresPerAddressAndName = 20;
  limits.failuresPerAddress = 3;
  Authenticator authenticator(*store, cache, limits);

  // A new name each time got around the limit per name; not around this one.
  for (int i = 0; i < 3; ++i) {
    BOOST_TEST(!authenticator.authenticateFrom(basic("acak" + std::to_string(i) + ":x"), "10.0.0.9").throttled);
  }
  BOOST_TEST(authenticator.authenticateFrom(basic("acak-lagi:x"), "10.0.0.9").throttled);
  auto right = authenticator.authenticateFrom(basic("ani:sandi-ani-benar"), "10.0.0.9");
  BOOST_TEST(right.throttled);  // not even checked: a guesser learns nothing
  BOOST_TEST(!right.user);
  // Ani at her desk, from another address, is not locked out.
  BOOST_TEST(authenticator.authenticateFrom(basic("ani:sandi-ani-benar"), "10.0.0.1").user.has_value());
}

BOOST_FIXTURE_TEST_CASE(a_known_device_passes_the_address_lockouts_but_not_its_own, StoreFixture) {
  addUser("ani", "sandi-ani-benar");
  CredentialCache cache(0s, 16);
  LoginLimits limits;
  limits.failuresPerAddressAndName = 2;
  limits.failuresPerAddress = 3;
  limits.failuresPerDevice = 2;
  Authenticator authenticator(*store, cache, limits);
  const std::string office = "10.0.0.9";  // everyone behind the office router

  // Someone behind the same router guesses Ani's password until both limits bite.
  for (int i = 0; i < 3; ++i) authenticator.authenticateFrom(basic("ani:tebakan-" + std::to_string(i)), office);
  BOOST_TEST(authenticator.authenticateFrom(basic("ani:sandi-ani-benar"), office).throttled);
  // Ani's own browser, which logged in before, still gets in.
  const auto fromDevice = authenticator.authenticateFrom(basic("ani:sandi-ani-benar"), office, "perangkat-ani");
  BOOST_TEST(!fromDevice.throttled);
  BOOST_TEST(fromDevice.user.has_value());
  // The device has a limit of its own, which the address's failures did not touch...
  for (int i = 0; i < 2; ++i) {
    BOOST_TEST(!authenticator.authenticateFrom(basic("ani:salah-ketik"), office, "perangkat-ani").throttled);
  }
  const auto stolen = authenticator.authenticateFrom(basic("ani:sandi-ani-benar"), office, "perangkat-ani");
  BOOST_TEST(stolen.throttled);  // ...so a stolen cookie buys only a few guesses
  BOOST_TEST(!stolen.user);
  BOOST_TEST(authenticator.authenticateFrom(basic("ani:sandi-ani-benar"), office, "perangkat-lain").user.has_value());
}

BOOST_FIXTURE_TEST_CASE(no_free_verification_slot_means_busy_for_real_and_unknown_names, StoreFixture) {
  addUser("ani", "sandi-ani-benar");
  CredentialCache cache(60s, 16);
  LoginLimits limits;
  limits.maxVerifications = 1;
  limits.maxWaitingVerifications = 0;
  limits.failuresPerAddress = 1;
  Authenticator authenticator(*store, cache, limits);
  BOOST_REQUIRE(authenticator.authenticateFrom(basic("ani:sandi-ani-benar"), "10.0.0.1").user);

  auto held = authenticator.verifications().acquire(VerificationGate::Standing::Trusted);
  BOOST_REQUIRE(held);
  // Every check waits for the slot, a decoy for an unknown name too: both are busy alike.
  for (const std::string credentials : {"ani:salah", "siapa:x"}) {
    const auto result = authenticator.authenticateFrom(basic(credentials), "10.0.0.9");
    BOOST_TEST(result.busy, credentials);
    BOOST_TEST(!result.user);
    BOOST_TEST(!result.throttled);
  }
  // Credentials verified a moment ago need no check at all.
  BOOST_TEST(authenticator.authenticateFrom(basic("ani:sandi-ani-benar"), "10.0.0.9").user.has_value());
  held.reset();
  // A busy answer is no failure: nothing was counted against the address.
  const auto after = authenticator.authenticateFrom(basic("ani:salah"), "10.0.0.9");
  BOOST_TEST(!after.busy);
  BOOST_TEST(!after.throttled);
  BOOST_TEST(!after.user);
  BOOST_TEST(authenticator.authenticateFrom(basic("ani:salah"), "10.0.0.9").throttled);  // that one counted
}

BOOST_FIXTURE_TEST_CASE(addresses_that_fail_or_keep_retrying_queue_behind_the_others, StoreFixture) {
  addUser("ani", "sandi-ani-benar");
  CredentialCache cache(0s, 16);
  LoginLimits limits;
  limits.maxVerifications = 2;
  limits.maxWaitingVerifications = 0;
  Authenticator authenticator(*store, cache, limits);
  auto& gate = authenticator.verifications();

  // One wrong password makes an address suspect: with one slot taken it may
  // not have the last one, which is kept for addresses without failures.
  BOOST_TEST(!authenticator.authenticateFrom(basic("ani:salah"), "10.0.0.6").busy);
  auto first = gate.acquire(VerificationGate::Standing::Trusted);
  BOOST_TEST(authenticator.authenticateFrom(basic("ani:sandi-ani-benar"), "10.0.0.6").busy);
  BOOST_TEST(authenticator.authenticateFrom(basic("ani:sandi-ani-benar"), "10.0.0.1").user.has_value());

  // An address turned away five times in ten seconds, without any failure,
  // is suspect too: a calendar client honouring Retry-After comes back twice.
  auto second = gate.acquire(VerificationGate::Standing::Trusted);
  for (int i = 0; i < 4; ++i) BOOST_TEST(authenticator.authenticateFrom(basic("acak:x"), "10.0.0.7").busy);
  second.reset();
  BOOST_TEST(authenticator.authenticateFrom(basic("ani:sandi-ani-benar"), "10.0.0.7").user.has_value());
  second = gate.acquire(VerificationGate::Standing::Trusted);
  BOOST_TEST(authenticator.authenticateFrom(basic("acak:x"), "10.0.0.7").busy);  // the fifth
  second.reset();
  BOOST_TEST(authenticator.authenticateFrom(basic("ani:sandi-ani-benar"), "10.0.0.7").busy);
  // A known device is never suspect.
  BOOST_TEST(authenticator.authenticateFrom(basic("ani:sandi-ani-benar"), "10.0.0.7", "perangkat").user.has_value());
  BOOST_TEST(authenticator.authenticateFrom(basic("ani:sandi-ani-benar"), "10.0.0.8").user.has_value());
}

BOOST_FIXTURE_TEST_CASE(the_same_credentials_sent_at_once_are_checked_once, StoreFixture) {
  // A calendar client opens eight connections at once, its cache entry expired.
  addUser("ani", "sandi-ani-benar");
  CredentialCache cache(60s, 16);
  LoginLimits limits;
  limits.maxVerifications = 1;
  limits.maxWaitingVerifications = 0;  // a second check could not even wait
  Authenticator authenticator(*store, cache, limits);
  for (const std::string credentials : {"ani:sandi-ani-benar", "ani:salah-sama", "siapa:tebakan-sama"}) {
    std::vector<AuthResult> results(8);
    std::vector<std::thread> threads;
    for (auto& result : results) {
      threads.emplace_back([&] { result = authenticator.authenticateFrom(basic(credentials), "10.0.0.1"); });
    }
    for (auto& thread : threads) thread.join();
    const bool right = credentials == "ani:sandi-ani-benar";
    for (const auto& result : results) {
      BOOST_TEST(!result.busy, credentials);  // none needed a slot of its own
      BOOST_TEST(result.user.has_value() == right, credentials);
    }
  }
}

BOOST_FIXTURE_TEST_CASE(a_login_waiting_on_a_stuck_check_is_told_busy_at_the_deadline, StoreFixture) {
  addUser("ani", "sandi-ani-benar");
  CredentialCache cache(60s, 16);
  LoginLimits limits;
  limits.maxVerifications = 1;
  limits.maxWaitingVerifications = 1;
  limits.verificationWait = 5000ms;
  limits.verificationDeadline = 200ms;
  Authenticator authenticator(*store, cache, limits);
  // The only slot is taken, so the first login's check cannot start; the
  // slot comes free after two seconds in any case, so that a waiter without
  // a bound fails this test instead of hanging it.
  std::atomic<bool> waiterBack{false};
  std::thread holder([&, slot = authenticator.verifications().acquire(VerificationGate::Standing::Trusted)]() mutable {
    const auto giveUp = std::chrono::steady_clock::now() + 2s;
    while (!waiterBack && std::chrono::steady_clock::now() < giveUp) std::this_thread::sleep_for(1ms);
    slot.reset();
  });
  AuthResult first;
  std::thread leader([&] { first = authenticator.authenticateFrom(basic("ani:sandi-ani-benar"), "10.0.0.1"); });
  while (authenticator.verifications().waiting() == 0) std::this_thread::sleep_for(1ms);
  const auto begin = std::chrono::steady_clock::now();
  const AuthResult second = authenticator.authenticateFrom(basic("ani:sandi-ani-benar"), "10.0.0.2");
  const auto took = std::chrono::steady_clock::now() - begin;
  waiterBack = true;
  holder.join();
  leader.join();
  BOOST_TEST(second.busy);  // 503 with Retry-After, never a success it did not see
  BOOST_TEST(!second.user.has_value());
  BOOST_TEST((took < 1500ms));
  BOOST_TEST(first.user.has_value());  // the check itself went on and succeeded
}

BOOST_FIXTURE_TEST_CASE(authenticator_rereads_the_user_on_a_cache_hit, StoreFixture) {
  addUser("ajudan1", "sandi-lama-1");
  CredentialCache cache(3600s, 16);
  Authenticator authenticator(*store, cache);
  BOOST_REQUIRE(authenticator.authenticate(basic("ajudan1:sandi-lama-1")));

  // Another process disables the user: the cached entry must not let them in.
  BOOST_REQUIRE(store->setDisabled("ajudan1", true));
  BOOST_TEST(!authenticator.authenticate(basic("ajudan1:sandi-lama-1")).has_value());
  BOOST_REQUIRE(store->setDisabled("ajudan1", false));
  BOOST_TEST(authenticator.authenticate(basic("ajudan1:sandi-lama-1")).has_value());

  // Another process changes the password: the old one stops working at once.
  BOOST_REQUIRE(store->setPasswordHash("ajudan1", hashPassword("sandi-baru-2").value()));
  BOOST_TEST(!authenticator.authenticate(basic("ajudan1:sandi-lama-1")).has_value());
  BOOST_TEST(authenticator.authenticate(basic("ajudan1:sandi-baru-2")).has_value());
}
