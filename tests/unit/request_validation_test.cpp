// The form rules on their own: phone numbers, email addresses, what typed
// text becomes when stored, and the schedule changes staff make.
#define BOOST_TEST_MODULE request_validation
#include <boost/test/unit_test.hpp>

#include <Poco/TemporaryFile.h>

#include "sql/store.h"
#include "workflow/request_validation.h"

using namespace jadwal;
using namespace jadwal::workflow;

namespace {

class FixedClock final : public Clock {
 public:
  sql::Instant now() const override { return 1740798000; }  // 2025-03-01 10:00 WIB
};

constexpr sql::Instant k14March0900Wib = 1741917600;

sql::RequestRow scheduled() {
  sql::RequestRow row;
  row.start = k14March0900Wib;
  row.end = k14March0900Wib + 2 * 3600;
  row.venue = "Aula";
  return row;
}

}  // namespace

BOOST_AUTO_TEST_CASE(indonesian_mobile_numbers) {
  for (const char* good :
       {"081234567890", "0812-3456-789", "+62 812 3456 7890", "6281234567890", "(0813) 1111 2222", "0812.3456.7890"})
    BOOST_TEST(isIndonesianMobileNumber(good), good);
  for (const char* bad : {"", "0812", "0211234567", "+6221123456789", "+1 812 3456 7890", "12345678901",
                          "0812345678901234", "0812-abc-7890", "62+81234567890", "++6281234567890"})
    BOOST_TEST(!isIndonesianMobileNumber(bad), bad);
}

BOOST_AUTO_TEST_CASE(email_addresses) {
  for (const char* good : {"budi@example.org", "a.b+c@dinas.ogan-ilir.go.id"}) BOOST_TEST(isPlausibleEmail(good), good);
  for (const char* bad :
       {"", "budi", "@example.org", "budi@", "budi@example", "budi@@example.org", "budi@.org", "budi@example.org.",
        "bu di@example.org", "budi@example..org", "a@b.c\r\nBcc: x@y.z", "<budi@example.org>"})
    BOOST_TEST(!isPlausibleEmail(bad), bad);
  BOOST_TEST(!isPlausibleEmail(std::string(250, 'a') + "@b.id"));
}

BOOST_AUTO_TEST_CASE(typed_text_is_trimmed_and_kept_on_one_line) {
  Poco::TemporaryFile file;
  auto store = sql::openStore("sqlite:" + file.path());
  store->migrate();
  sql::User leader;
  leader.name = "bupati";
  leader.role = sql::Role::Leader;
  store->createUser(leader).value();

  RequestForm form;
  form.requesterName = "  Budi\r\nBcc: x@y.z  ";
  form.institution = "Dinas\tPendidikan";
  form.whatsapp = "081234567890";
  form.subject = "Undangan";
  form.eventName = "Pembukaan";
  form.date = "2025-03-14";
  form.startTime = "09.00";  // as written in Indonesia
  form.endTime = "11:00";
  form.venue = "Aula";
  form.address = "Jl. Merdeka 1\r\nIndralaya\x01";
  form.leaderRole = "menghadiri";
  form.leaders = {" bupati "};
  form.language = "fr";
  sql::RequestRow row;
  FieldErrors errors = validateFormFields(form, *store, FixedClock{}, WorkflowConfig{}, row);
  BOOST_TEST(errors.empty());
  BOOST_TEST(row.requesterName == "Budi  Bcc: x@y.z");
  BOOST_TEST(row.institution == "Dinas Pendidikan");
  BOOST_TEST(row.address == "Jl. Merdeka 1\nIndralaya");
  BOOST_TEST(row.start == k14March0900Wib);
  BOOST_TEST(row.leadersAsked == std::vector<std::string>{"bupati"});
  BOOST_TEST(row.language == "id");  // only the languages the pages speak

  WorkflowConfig makassar;
  makassar.timezone = "Asia/Makassar";  // WITA, an hour ahead of WIB
  validateFormFields(form, *store, FixedClock{}, makassar, row);
  BOOST_TEST(row.start == k14March0900Wib - 3600);
}

BOOST_AUTO_TEST_CASE(schedule_changes_keep_what_is_not_given) {
  WorkflowConfig config;
  bool changed = false;
  auto row = scheduled();
  BOOST_TEST(applyScheduleChange("", "", "", false, "", config, row, changed).empty());
  BOOST_TEST(!changed);
  BOOST_TEST(row.start == k14March0900Wib);

  BOOST_TEST(applyScheduleChange("2025-03-15", "", "", false, "", config, row, changed).empty());
  BOOST_TEST(changed);
  BOOST_TEST(row.start == k14March0900Wib + 86400);
  BOOST_TEST(*row.end == k14March0900Wib + 86400 + 2 * 3600);  // the hours kept on the new day
  BOOST_TEST(row.venue == "Aula");

  row = scheduled();
  BOOST_TEST(applyScheduleChange("", "", "", true, "Pendopo", config, row, changed).empty());
  BOOST_TEST(!row.end.has_value());
  BOOST_TEST(row.venue == "Pendopo");
}

BOOST_AUTO_TEST_CASE(schedule_changes_refuse_bad_values_and_change_nothing) {
  WorkflowConfig config;
  bool changed = true;
  auto row = scheduled();
  auto errors = applyScheduleChange("2025-02-29", "", "", false, "", config, row, changed);
  BOOST_TEST(errors["tanggal"] == "invalid_date");
  errors = applyScheduleChange("", "7:00", "", false, "", config, row, changed);
  BOOST_TEST(errors["jam_mulai"] == "invalid_time");
  errors = applyScheduleChange("", "", "25:00", false, "", config, row, changed);
  BOOST_TEST(errors["jam_selesai"] == "invalid_time");
  errors = applyScheduleChange("", "11:30", "", false, "", config, row, changed);
  BOOST_TEST(errors["jam_selesai"] == "end_before_start");
  errors = applyScheduleChange("", "", "", false, std::string(301, 'x'), config, row, changed);
  BOOST_TEST(errors["tempat"] == "too_long");
  BOOST_TEST(!changed);
  BOOST_TEST(row.start == scheduled().start);
  BOOST_TEST(*row.end == *scheduled().end);
  BOOST_TEST(row.venue == "Aula");
}
