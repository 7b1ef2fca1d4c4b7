// Mail delivery on a worker thread: a web request only queues the message,
// and an SMTP server that is slow or down delays nobody and breaks nothing.

#include <Poco/Exception.h>
#include <Poco/Logger.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MailRecipient.h>
#include <Poco/Net/SMTPClientSession.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/String.h>
#include <Poco/Timespan.h>
#include <Poco/Timestamp.h>
#include <Poco/UUIDGenerator.h>

#include <ctime>

#include "workflow/notifier.h"

namespace jadwal::workflow {

namespace {

// Header values come from what requesters typed: no line breaks may reach
// the header block.
std::string singleLine(const std::string& text) {
  std::string out;
  for (char c : text) out += (c == '\r' || c == '\n') ? ' ' : c;
  return out;
}

// The domain of an address such as "Agenda <agenda@example.go.id>".
std::string domainOf(const std::string& address) {
  const std::size_t at = address.rfind('@');
  if (at == std::string::npos) return "jadwal";
  std::string domain = address.substr(at + 1);
  if (const std::size_t close = domain.find('>'); close != std::string::npos) domain.erase(close);
  return domain.empty() ? "jadwal" : domain;
}

// The mailbox an address reaches, for counting: lower case, without a
// "+tag" (many providers deliver "name+anything@" to "name@").
std::string mailboxOf(const std::string& address) {
  std::string text = Poco::toLower(Poco::trim(address));
  const std::size_t at = text.rfind('@');
  const std::size_t plus = text.find('+');
  if (at != std::string::npos && plus != std::string::npos && plus < at) text.erase(plus, at - plus);
  return text;
}

}  // namespace

Mailer::Mailer(SmtpConfig config, const base::Clock& clock)
    : config_(std::move(config)),
      clock_(clock),
      receiptsPerRecipient_(config_.receiptsPerRecipientPerHour, std::chrono::hours(1)),
      receipts_(config_.receiptsPerHour, std::chrono::hours(1), 1) {
  worker_ = std::thread(&Mailer::run, this);
}

Mailer::~Mailer() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

bool Mailer::receiptAllowed(const std::string& to) {
  const auto now = clock_.now();
  const std::string mailbox = mailboxOf(to);
  if (!receiptsPerRecipient_.tryAcquire(mailbox, now)) return false;
  if (receipts_.tryAcquire("all", now)) return true;
  receiptsPerRecipient_.refund(mailbox);
  return false;
}

bool Mailer::enqueue(MailMessage message) {
  if (config_.host.empty() || message.to.empty()) return false;  // mail is off, or nobody to write to
  if (message.receipt && !receiptAllowed(message.to)) {
    // Someone may be using the public form to mail a stranger: say so, send nothing.
    Poco::Logger::get("jadwal.mail")
        .warning("receipt to " + singleLine(message.to) + " not sent: too many receipts this hour");
    return false;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back(std::move(message));
  }
  wake_.notify_one();
  return true;
}

void Mailer::flush() {
  std::unique_lock<std::mutex> lock(mutex_);
  idle_.wait(lock, [this] { return queue_.empty() && !busy_; });
}

void Mailer::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    // On stop the queue is still drained: what was accepted gets sent.
    if (queue_.empty()) return;
    MailMessage message = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    sendNow(message);
    lock.lock();
    busy_ = false;
    if (queue_.empty()) idle_.notify_all();
  }
}

void Mailer::sendNow(const MailMessage& message) { sendMailNow(config_, message, clock_.now()); }

bool sendMailNow(const SmtpConfig& config, const MailMessage& message, sql::Instant date) {
  if (config.host.empty() || message.to.empty()) return false;
  try {
    Poco::Net::MailMessage mail;
    mail.setSender(singleLine(config.from));
    mail.addRecipient(Poco::Net::MailRecipient(Poco::Net::MailRecipient::PRIMARY_RECIPIENT, singleLine(message.to)));
    mail.setSubject(Poco::Net::MailMessage::encodeWord(singleLine(message.subject), "UTF-8"));
    mail.setDate(Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(date)));
    mail.set("Message-ID", "<" + Poco::UUIDGenerator::defaultGenerator().createRandom().toString() + "@" +
                               domainOf(config.from) + ">");
    // Poco adds MIME-Version only to multipart messages; without it a
    // reader may ignore the charset.
    mail.set("MIME-Version", "1.0");
    mail.setContentType("text/plain; charset=UTF-8");
    mail.setContent(message.body, Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);

    // A server that does not answer must not hold the queue for minutes.
    Poco::Net::StreamSocket socket;
    socket.connect(Poco::Net::SocketAddress(config.host, config.port), Poco::Timespan(10, 0));
    Poco::Net::SMTPClientSession session(socket);
    session.setTimeout(Poco::Timespan(30, 0));
    if (config.user.empty()) {
      session.login();
    } else {
      session.login(Poco::Net::SMTPClientSession::AUTH_LOGIN, config.user, config.password);
    }
    session.sendMessage(mail);
    session.close();
    return true;
  } catch (const Poco::Exception& e) {
    Poco::Logger::get("jadwal.mail").error("mail to " + singleLine(message.to) + " not sent: " + e.displayText());
  } catch (const std::exception& e) {
    Poco::Logger::get("jadwal.mail").error("mail to " + singleLine(message.to) + " not sent: " + e.what());
  }
  return false;
}

}  // namespace jadwal::workflow
