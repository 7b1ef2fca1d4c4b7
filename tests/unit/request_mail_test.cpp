// Mail to the requester through a real SMTP server (aiosmtpd): on receipt,
// on the decisions that concern them, and when staff move or delete the
// event in a calendar client.
#define BOOST_TEST_MODULE request_mail
#include <boost/test/unit_test.hpp>

#include "request_fixture.h"
#include "smtp_sink.h"

using namespace jadwal;
using namespace jadwal::workflow;
using namespace jadwal::testing;

BOOST_FIXTURE_TEST_SUITE(mail, Fixture)

BOOST_AUTO_TEST_CASE(the_requester_is_mailed_on_receipt_and_on_decisions_that_concern_them,
                     *boost::unit_test::precondition(jadwal::testing::AiosmtpdInstalled())) {
  jadwal::testing::SmtpSink sink;
  SmtpConfig smtp;
  smtp.host = "127.0.0.1";
  smtp.port = sink.port();
  Mailer sending(smtp);
  RequestService mailing(*store, *calendars, sending, clock, config);

  auto request = mailing.submit(form(), letter()).request;
  auto step = [&](Decision decision) {
    auto outcome = mailing.decide(request.id, reload(request).version, decision, staf);
    BOOST_TEST_REQUIRE(outcome.ok());
  };
  step(act(Action::Verify));  // no mail: nothing the requester must know yet
  step(act(Action::Approve));
  Decision later = act(Action::Reschedule);
  later.startTime = "10:00";
  step(later);
  step(act(Action::Cancel, "Dibatalkan panitia"));
  RequestForm silent = form();
  silent.email.clear();
  BOOST_TEST_REQUIRE(mailing.submit(silent, letter()).ok());  // no address, no mail
  sending.flush();

  auto received = sink.waitFor(4);
  BOOST_TEST_REQUIRE(received.size() == 4u);  // receipt, approval, new time, cancellation
  for (const auto& message : received) {
    BOOST_TEST(message.find("To: budi@example.org") != std::string::npos);
    BOOST_TEST(message.find(request.code) != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(the_requester_is_mailed_when_staff_move_or_delete_the_event_in_a_client,
                     *boost::unit_test::precondition(jadwal::testing::AiosmtpdInstalled())) {
  jadwal::testing::SmtpSink sink;
  SmtpConfig smtp;
  smtp.host = "127.0.0.1";
  smtp.port = sink.port();
  Mailer sending(smtp);
  // A calendar service of its own, so that only this service follows its calendars.
  caldav::CalendarService clientCalendars(*store, caldav::TimeContext{});
  RequestService mailing(*store, clientCalendars, sending, clock, config);
  clientCalendars.addObserver(mailing.calendarObserver());

  auto request = mailing.submit(form(), letter()).request;
  BOOST_TEST_REQUIRE(mailing.decide(request.id, reload(request).version, act(Action::Verify), staf).ok());
  auto row = mailing.decide(request.id, reload(request).version, act(Action::Approve), staf).request;
  sending.flush();
  const std::size_t before = sink.waitFor(2).size();  // receipt and approval
  BOOST_TEST_REQUIRE(before == 2u);

  auto object = *store->getObject(bupatiAgenda.id, row.eventObjectName);
  std::string moved = std::regex_replace(object.ical, std::regex("20250314T"), "20250315T");
  BOOST_TEST_REQUIRE((clientCalendars.put(bupatiAgenda, row.eventObjectName, moved, {}, staf.user.id).status ==
                      sql::WriteStatus::Updated));
  BOOST_TEST_REQUIRE((clientCalendars.remove(bupatiAgenda, row.eventObjectName, {}, staf.user.id).status ==
                      sql::WriteStatus::Deleted));
  BOOST_TEST(reload(row).state == "dibatalkan");
  sending.flush();

  auto received = sink.waitFor(4);
  BOOST_TEST_REQUIRE(received.size() == 4u);  // receipt, approval, the new time, the cancellation
  for (const auto& message : received) BOOST_TEST(message.find(request.code) != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
