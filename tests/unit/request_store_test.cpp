// The RequestStore contract on every backend: requests and their fields,
// compare-and-set updates, blobs and files, audit, dispositions, listing
// and search. Some cases start threads (std::thread): the test is labelled
// concurrency and runs in the ThreadSanitizer pass.
#define BOOST_TEST_MODULE request_store
#include "request_store_fixture.h"
#include "store_backends.h"

#define JADWAL_STORE_FIXTURE RequestBackendFixture
#define JADWAL_STORE_CASES "request_store_contract_cases.inc"
#include "store_backends_run.inc"
