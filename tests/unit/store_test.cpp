// The Store contract on every backend: users, calendars, shares, aides,
// objects under their preconditions, sync changes, time ranges, dead
// properties and concurrent writers.
#define BOOST_TEST_MODULE store
#include "store_backends.h"
#include "store_fixture.h"

#define JADWAL_STORE_CASES "store_contract_cases.inc"
#include "store_backends_run.inc"
