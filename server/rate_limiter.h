#pragma once
// The server's limits (logins, form submissions, code lookups) count with
// the workflow's RateLimiter, which the mailer uses for receipts too.

#include "workflow/rate_limiter.h"

namespace jadwal::server {
using workflow::RateLimiter;
}  // namespace jadwal::server
