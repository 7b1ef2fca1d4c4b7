// Whether a request's events are in step with it (the calendar-step part of
// the RequestStore contract) on every backend.
#define BOOST_TEST_MODULE calendar_step
#include "calendar_step_fixture.h"
#include "store_backends.h"

#define JADWAL_STORE_FIXTURE CalendarStepFixture
#define JADWAL_STORE_CASES "calendar_step_contract_cases.inc"
#include "store_backends_run.inc"
