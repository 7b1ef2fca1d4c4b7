#pragma once
// Telling the requester what happened: email through SMTP (in the
// requester's language, Indonesian by default), and for WhatsApp the message
// text and a click-to-chat link that staff open to send it themselves.

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "base/clock.h"
#include "sql/request_store.h"
#include "workflow/rate_limiter.h"
#include "workflow/representative.h"
#include "workflow/workflow_config.h"

namespace jadwal::workflow {

enum class Notice { Received, Returned, Approved, Represented, Rejected, Cancelled, Rescheduled };

struct MailMessage {
  std::string to;
  std::string subject;
  std::string body;      // plain text, UTF-8
  bool receipt = false;  // the receipt of a submission: limited per recipient and per hour
};

// Composes the texts (pure functions: tested without a network). The
// receipt and the rejection carry nothing the submitter typed (anyone may
// give any address on the public form, and rejecting is what staff do with
// an abusive request): a fixed text, the code, the status link, the office
// and, for a rejection, the reason staff wrote. The other decisions come
// after staff took the request as genuine and name the activity.
// The others are written as the office writes a letter: "Dengan hormat,",
// the leader by name (through `displayNameOf`: "Bupati"), the activity, its
// time, place, the leader's role (Ket.), dress code, contact person, who
// represents, the note; in English when the requester used English.
MailMessage composeMail(Notice notice, const sql::RequestRow& request, const WorkflowConfig& config,
                        const DisplayNameOf& displayNameOf = {});
std::string whatsappText(Notice notice, const sql::RequestRow& request, const WorkflowConfig& config,
                         const DisplayNameOf& displayNameOf = {});
// https://wa.me/<number in international form, 62...>?text=<encoded>; "" when
// the number cannot be read as an Indonesian mobile number.
std::string whatsappLink(const std::string& number, const std::string& text);

struct SmtpConfig {
  std::string host;  // empty: mail is off
  unsigned short port = 25;
  std::string from = "agenda@localhost";
  std::string user, password;  // optional AUTH LOGIN
  // Receipts to one mailbox, and to everyone together, per hour; beyond
  // them a receipt is dropped (the receipt page shows the code anyway).
  // 0: no limit.
  std::size_t receiptsPerRecipientPerHour = 5;
  std::size_t receiptsPerHour = 100;
};

// Sends `message` now, on the caller's thread, dated `date`: true once the
// SMTP server took it; false (logged) when mail is off or the send failed.
// For senders that must know (the morning mail); others queue on a Mailer.
bool sendMailNow(const SmtpConfig& config, const MailMessage& message, sql::Instant date);

// Sends mail on its own thread so that no web request waits for SMTP. A
// failed send is logged and dropped (the request is never affected).
class Mailer {
 public:
  // `clock` times the receipt limits and must outlive the mailer.
  explicit Mailer(SmtpConfig config, const base::Clock& clock = base::systemClock());
  ~Mailer();  // sends what is queued, then stops
  // Queues `message`; false when it is not sent: mail is off, no recipient,
  // or a receipt beyond its limits (logged).
  bool enqueue(MailMessage message);
  // Blocks until the queue is empty (tests; graceful stop).
  void flush();

 private:
  void run();
  void sendNow(const MailMessage& message);
  bool receiptAllowed(const std::string& to);
  SmtpConfig config_;
  const base::Clock& clock_;
  RateLimiter receiptsPerRecipient_;
  RateLimiter receipts_;
  std::mutex mutex_;
  std::condition_variable wake_, idle_;
  std::deque<MailMessage> queue_;
  bool stopping_ = false;
  bool busy_ = false;
  std::thread worker_;
};

}  // namespace jadwal::workflow
