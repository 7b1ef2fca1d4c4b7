// The FeedStore contract on every backend: feeds are created within a
// per-user limit, listed, found by their token's hash and revoked. One case
// starts threads (std::thread): the test is labelled concurrency.
#define BOOST_TEST_MODULE feed_store
#include "sql/feed_store.h"
#include "store_backends.h"
#include "store_fixture.h"

BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<FeedRow>)
BOOST_TEST_DONT_PRINT_LOG_VALUE(std::vector<std::int64_t>)

#define JADWAL_STORE_CASES "feed_store_contract_cases.inc"
#include "store_backends_run.inc"
