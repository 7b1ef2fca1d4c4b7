// The SessionStore contract on every backend: web sessions until they
// expire or end, and the secrets every server on a database shares. One
// case starts threads (std::thread): the test is labelled concurrency.
#define BOOST_TEST_MODULE session_store
#include "request_store_fixture.h"
#include "store_backends.h"

#define JADWAL_STORE_FIXTURE RequestBackendFixture
#define JADWAL_STORE_CASES "session_store_contract_cases.inc"
#include "store_backends_run.inc"
