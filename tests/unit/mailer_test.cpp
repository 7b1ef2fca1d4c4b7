#define BOOST_TEST_MODULE mailer
#include <Poco/Base64Decoder.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/Logger.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Process.h>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "smtp_sink.h"
#include "workflow/notifier.h"

using namespace jadwal::workflow;
namespace fs = std::filesystem;
namespace tt = boost::test_tools;

using jadwal::testing::AiosmtpdInstalled;
using jadwal::testing::freePort;
using jadwal::testing::SmtpSink;

namespace {

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// A delivered message: unfolded headers by lower-case name, and the body.
struct Delivered {
  std::map<std::string, std::string> headers;
  std::string body;
  explicit Delivered(const std::string& raw) {
    std::string text = raw;
    for (std::size_t at; (at = text.find("\r\n")) != std::string::npos;) text.replace(at, 2, "\n");
    const std::size_t split = text.find("\n\n");
    BOOST_REQUIRE(split != std::string::npos);
    body = text.substr(split + 2);
    std::istringstream lines(text.substr(0, split));
    std::string line, name;
    while (std::getline(lines, line)) {
      if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
        headers[name] += line;  // a folded continuation
        continue;
      }
      const std::size_t colon = line.find(':');
      BOOST_REQUIRE(colon != std::string::npos);
      name = lower(line.substr(0, colon));
      headers[name] = line.substr(colon + 1 + (line.size() > colon + 1 && line[colon + 1] == ' ' ? 1 : 0));
    }
  }
  std::string header(const std::string& name) const {
    auto found = headers.find(name);
    return found == headers.end() ? std::string() : found->second;
  }
};

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string decodeQuotedPrintable(const std::string& text, bool underscoreIsSpace) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '=' && i + 1 < text.size() && text[i + 1] == '\n') {
      ++i;  // soft line break
    } else if (text[i] == '=' && i + 2 < text.size() && hexValue(text[i + 1]) >= 0 && hexValue(text[i + 2]) >= 0) {
      out += static_cast<char>(hexValue(text[i + 1]) * 16 + hexValue(text[i + 2]));
      i += 2;
    } else if (underscoreIsSpace && text[i] == '_') {
      out += ' ';
    } else {
      out += text[i];
    }
  }
  return out;
}

// RFC 2047: encoded words (Q or B), the whitespace between two of them dropped.
std::string decodeHeader(const std::string& value) {
  std::string out, pendingSpace;
  std::size_t i = 0;
  bool lastWasEncoded = false;
  while (i < value.size()) {
    if (value.compare(i, 2, "=?") == 0) {
      const std::size_t q1 = value.find('?', i + 2);
      const std::size_t q2 = q1 == std::string::npos ? q1 : value.find('?', q1 + 1);
      const std::size_t end = q2 == std::string::npos ? q2 : value.find("?=", q2 + 1);
      if (end != std::string::npos) {
        const char encoding = static_cast<char>(std::toupper(static_cast<unsigned char>(value[q1 + 1])));
        const std::string payload = value.substr(q2 + 1, end - q2 - 1);
        if (!lastWasEncoded) out += pendingSpace;
        if (encoding == 'Q') {
          out += decodeQuotedPrintable(payload, true);
        } else {
          std::istringstream in(payload);
          Poco::Base64Decoder decoder(in);
          out += std::string(std::istreambuf_iterator<char>(decoder), {});
        }
        pendingSpace.clear();
        lastWasEncoded = true;
        i = end + 2;
        continue;
      }
    }
    if (value[i] == ' ' || value[i] == '\t') {
      pendingSpace += value[i++];
      continue;
    }
    out += pendingSpace;
    pendingSpace.clear();
    out += value[i++];
    lastWasEncoded = false;
  }
  return out;
}

SmtpConfig configFor(const SmtpSink& sink) {
  SmtpConfig config;
  config.host = "127.0.0.1";
  config.port = sink.port();
  config.from = "Agenda Pimpinan <agenda@pemkab.example.go.id>";
  return config;
}

MailMessage sample(const std::string& to = "siti@example.org") {
  MailMessage message;
  message.to = to;
  message.subject = "Permohonan diterima: Peresmian Gedung \xE2\x80\x93 Tahap II [JDW-7K3M-Q9XF]";
  message.body =
      "Yth. Siti Aminah,\n\nWaktu: Rabu, 22 November 2023, 08.00\xE2\x80\x93"
      "10.00 WIB\n"
      "Tempat: Gedung Serba Guna \xC3\xA9\xC3\xA8 = 100%\n" +
      std::string(100, 'x') + "\n";
  return message;
}

// Collects what is written to std::cerr while it lives, the mail log
// (logger jadwal.mail) included.
class CerrCapture {
 public:
  CerrCapture() : old_(std::cerr.rdbuf(buffer_.rdbuf())) {
    Poco::Logger::get("jadwal.mail").setChannel(new Poco::ConsoleChannel(std::cerr));
    Poco::Logger::get("jadwal.mail").setLevel(Poco::Message::PRIO_INFORMATION);
  }
  ~CerrCapture() {
    Poco::Logger::get("jadwal.mail").setChannel(nullptr);
    std::cerr.rdbuf(old_);
  }
  std::string text() const { return buffer_.str(); }

 private:
  std::stringstream buffer_;
  std::streambuf* old_;
};

}  // namespace

BOOST_AUTO_TEST_CASE(a_message_arrives_with_its_headers_and_utf8_body,
                     *boost::unit_test::precondition(AiosmtpdInstalled())) {
  SmtpSink sink;
  {
    Mailer mailer(configFor(sink));
    mailer.enqueue(sample());
    mailer.flush();
  }
  const auto raw = sink.waitFor(1);
  BOOST_REQUIRE(raw.size() == 1u);
  const Delivered mail(raw[0]);
  BOOST_TEST(mail.header("from") == "Agenda Pimpinan <agenda@pemkab.example.go.id>");
  BOOST_TEST(mail.header("to") == "<siti@example.org>");
  BOOST_TEST(mail.header("x-rcptto") == "siti@example.org");  // the envelope, as the sink saw it
  BOOST_TEST(mail.header("subject").find("=?UTF-8?") != std::string::npos, mail.header("subject"));
  BOOST_TEST(decodeHeader(mail.header("subject")) == sample().subject);
  BOOST_TEST(!mail.header("date").empty());
  const std::string id = mail.header("message-id");
  BOOST_TEST((id.starts_with("<") && id.ends_with("@pemkab.example.go.id>")), id);
  BOOST_TEST(mail.header("mime-version") == "1.0");
  BOOST_TEST(lower(mail.header("content-type")).find("text/plain") != std::string::npos);
  BOOST_TEST(lower(mail.header("content-type")).find("charset=utf-8") != std::string::npos);
  BOOST_TEST(lower(mail.header("content-transfer-encoding")) == "quoted-printable");
  // Quoted-printable keeps every line short and the body 7-bit.
  for (char c : mail.body) BOOST_TEST_REQUIRE(static_cast<unsigned char>(c) < 0x80);
  std::string decoded = decodeQuotedPrintable(mail.body, false);
  while (!decoded.empty() && decoded.back() == '\n') decoded.pop_back();
  std::string expected = sample().body;
  while (!expected.empty() && expected.back() == '\n') expected.pop_back();
  BOOST_TEST(decoded == expected);
}

BOOST_AUTO_TEST_CASE(every_queued_message_is_sent_even_at_shutdown,
                     *boost::unit_test::precondition(AiosmtpdInstalled())) {
  SmtpSink sink;
  {
    Mailer mailer(configFor(sink));
    for (int i = 0; i < 3; ++i) mailer.enqueue(sample("pemohon" + std::to_string(i) + "@example.org"));
    // No flush: the destructor drains the queue.
  }
  const auto raw = sink.waitFor(3);
  BOOST_REQUIRE(raw.size() == 3u);
  std::set<std::string> recipients;
  for (const auto& message : raw) recipients.insert(Delivered(message).header("x-rcptto"));
  BOOST_TEST(recipients ==
             (std::set<std::string>{"pemohon0@example.org", "pemohon1@example.org", "pemohon2@example.org"}));
}

BOOST_AUTO_TEST_CASE(typed_line_breaks_cannot_add_headers, *boost::unit_test::precondition(AiosmtpdInstalled())) {
  SmtpSink sink;
  MailMessage message = sample();
  message.subject = "Halo\r\nBcc: korban@example.org";
  {
    Mailer mailer(configFor(sink));
    mailer.enqueue(message);
    mailer.flush();
  }
  const auto raw = sink.waitFor(1);
  BOOST_REQUIRE(raw.size() == 1u);
  const Delivered mail(raw[0]);
  BOOST_TEST(mail.header("bcc").empty());
  BOOST_TEST(mail.header("x-rcptto") == "siti@example.org");
  BOOST_TEST(decodeHeader(mail.header("subject")).find("Halo") == 0u);
}

BOOST_AUTO_TEST_CASE(a_failed_send_is_logged_and_the_next_one_still_goes,
                     *boost::unit_test::precondition(AiosmtpdInstalled())) {
  SmtpSink sink;
  SmtpConfig nowhere = configFor(sink);
  nowhere.port = freePort();  // nothing listens there
  {
    CerrCapture errors;
    Mailer mailer(nowhere);
    mailer.enqueue(sample());
    BOOST_CHECK_NO_THROW(mailer.flush());
    BOOST_TEST(errors.text().find("mail to siti@example.org not sent") != std::string::npos, errors.text());
  }
  Mailer working(configFor(sink));
  working.enqueue(sample());
  working.flush();
  BOOST_TEST(sink.waitFor(1).size() == 1u);
}

// The morning mail gives its day back when a send fails (workflow/morning_mail.h):
// it must learn whether the SMTP server took the message.
BOOST_AUTO_TEST_CASE(a_send_now_says_whether_the_server_took_it, *boost::unit_test::precondition(AiosmtpdInstalled())) {
  SmtpSink sink;
  SmtpConfig nowhere = configFor(sink);
  nowhere.port = freePort();
  {
    CerrCapture errors;
    BOOST_TEST(!sendMailNow(nowhere, sample(), 1700000000));
    BOOST_TEST(errors.text().find("mail to siti@example.org not sent") != std::string::npos, errors.text());
  }
  BOOST_TEST(!sendMailNow(SmtpConfig{}, sample(), 1700000000));       // mail is off
  BOOST_TEST(!sendMailNow(configFor(sink), sample(""), 1700000000));  // nobody to write to
  BOOST_TEST(sendMailNow(configFor(sink), sample(), 1700000000));
  const auto raw = sink.waitFor(1);
  BOOST_REQUIRE(raw.size() == 1u);
  BOOST_TEST(decodeHeader(Delivered(raw[0]).header("subject")) == sample().subject);
}

BOOST_AUTO_TEST_CASE(mail_is_off_without_a_host_and_for_no_recipient) {
  // Nothing to connect to: enqueue must neither block nor throw, and flush returns at once.
  Mailer off(SmtpConfig{});
  off.enqueue(sample());
  off.flush();

  SmtpConfig config;
  config.host = "127.0.0.1";
  config.port = freePort();
  CerrCapture errors;
  {
    Mailer mailer(config);
    mailer.enqueue(sample(""));  // no email given: not even an attempt
    mailer.flush();
  }
  BOOST_TEST(errors.text().empty(), errors.text());
}

BOOST_AUTO_TEST_CASE(flush_on_an_idle_mailer_returns_at_once_and_sends_nothing) {
  SmtpConfig config;
  config.host = "127.0.0.1";
  config.port = freePort();  // nothing listens: any send attempt would be logged
  CerrCapture errors;
  auto mailer = std::make_shared<Mailer>(config);
  // A flush that waited for work that never comes would hang the test run:
  // wait for it on another thread, with a bound, and fail instead.
  // The thread is detached so that a hung flush cannot hold the test's end.
  auto done = std::make_shared<std::promise<void>>();
  auto flushed = done->get_future();
  std::thread([mailer, done] {
    mailer->flush();
    mailer->flush();
    done->set_value();
  }).detach();
  BOOST_REQUIRE_MESSAGE(flushed.wait_for(std::chrono::seconds(5)) == std::future_status::ready,
                        "flush of an empty queue did not return within 5 s");
  BOOST_TEST(errors.text().empty(), errors.text());
}

BOOST_AUTO_TEST_CASE(receipts_are_limited_per_recipient_and_overall,
                     *boost::unit_test::precondition(AiosmtpdInstalled())) {
  SmtpSink sink;
  SmtpConfig config = configFor(sink);
  config.receiptsPerRecipientPerHour = 2;
  config.receiptsPerHour = 4;
  auto receipt = [](const std::string& to) {
    MailMessage message = sample(to);
    message.receipt = true;
    return message;
  };
  {
    CerrCapture errors;
    Mailer mailer(config);
    BOOST_TEST(mailer.enqueue(receipt("korban@example.org")));
    // The same mailbox written otherwise is the same recipient.
    BOOST_TEST(mailer.enqueue(receipt(" Korban+promo@Example.ORG")));
    BOOST_TEST(!mailer.enqueue(receipt("korban@example.org")));
    // A decision mail is not a receipt: staff sent it, it goes.
    BOOST_TEST(mailer.enqueue(sample("korban@example.org")));
    BOOST_TEST(mailer.enqueue(receipt("lain@example.org")));
    BOOST_TEST(mailer.enqueue(receipt("ketiga@example.org")));
    // Four receipts this hour: the fifth, to anyone, waits for the next hour.
    BOOST_TEST(!mailer.enqueue(receipt("keempat@example.org")));
    mailer.flush();
    BOOST_TEST(errors.text().find("receipt to korban@example.org not sent") != std::string::npos, errors.text());
  }
  const auto raw = sink.waitFor(5);
  BOOST_TEST(raw.size() == 5u);
  std::multiset<std::string> recipients;
  for (const auto& message : raw) recipients.insert(Delivered(message).header("x-rcptto"));
  BOOST_TEST(recipients.count("keempat@example.org") == 0u);
  BOOST_TEST(recipients.count("lain@example.org") == 1u);
}
