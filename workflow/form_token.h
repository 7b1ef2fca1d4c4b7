#pragma once
// The public form's one-time token (RequestForm::formToken): the page a
// requester filled carries it, and the first submission that brings it
// claims it. A second one with the same token (a double tap, or Back and
// send again) answers the first one's request instead of making another;
// two at once are told apart by the store's unique key on the token's hash.
// A submission refused as invalid claims nothing, so the token stays usable.
// Only a hash of the token is stored, and used tokens are forgotten after
// WorkflowConfig::formTokenKeepSeconds.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "sql/request_store.h"

namespace jadwal::workflow {

// Lower-case hex SHA-256 of a token, as the store keeps it.
std::string formTokenHash(std::string_view token);

class FormTokenClaim {
 public:
  // An empty token claims nothing and finds nothing.
  FormTokenClaim(sql::RequestStore& requests, std::string_view token,
                 std::chrono::milliseconds wait = std::chrono::seconds(10));
  // Releases a claim whose submission made no request (it threw).
  ~FormTokenClaim();
  FormTokenClaim(const FormTokenClaim&) = delete;
  FormTokenClaim& operator=(const FormTokenClaim&) = delete;

  // The request an earlier submission with this token made, waiting up to
  // `wait` for one still running; nullopt when the token is unused.
  std::optional<sql::RequestRow> earlierRequest();
  // Claims the token at `now` (and forgets tokens claimed before
  // `forgetBefore`). Returns the earlier request when another submission
  // claimed it first. Throws sql::StoreError when that one still runs after
  // `wait`.
  std::optional<sql::RequestRow> claim(sql::Instant now, sql::Instant forgetBefore);
  // The claimed token made `requestId`.
  void madeRequest(std::int64_t requestId);

 private:
  sql::RequestStore& requests_;
  std::string hash_;
  std::chrono::milliseconds wait_;
  bool claimed_ = false;
};

}  // namespace jadwal::workflow
