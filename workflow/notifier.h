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

#include "sql/request_store.h"
#include "workflow/workflow_config.h"

namespace jadwal::workflow {

enum class Notice { Received, Returned, Approved, Represented, Rejected, Cancelled, Rescheduled };

struct MailMessage {
  std::string to;
  std::string subject;
  std::string body;  // plain text, UTF-8
};

// Composes the texts (pure functions: tested without a network).
MailMessage composeMail(Notice notice, const sql::RequestRow& request, const WorkflowConfig& config);
std::string whatsappText(Notice notice, const sql::RequestRow& request, const WorkflowConfig& config);
// https://wa.me/<number in international form, 62...>?text=<encoded>; "" when
// the number cannot be read as an Indonesian mobile number.
std::string whatsappLink(const std::string& number, const std::string& text);

struct SmtpConfig {
  std::string host;  // empty: mail is off
  unsigned short port = 25;
  std::string from = "agenda@localhost";
  std::string user, password;  // optional AUTH LOGIN
};

// Sends mail on its own thread so that no web request waits for SMTP. A
// failed send is logged and dropped (the request is never affected).
class Mailer {
 public:
  explicit Mailer(SmtpConfig config);
  ~Mailer();  // sends what is queued, then stops
  void enqueue(MailMessage message);
  // Blocks until the queue is empty (tests; graceful stop).
  void flush();

 private:
  void run();
  void sendNow(const MailMessage& message);
  SmtpConfig config_;
  std::mutex mutex_;
  std::condition_variable wake_, idle_;
  std::deque<MailMessage> queue_;
  bool stopping_ = false;
  bool busy_ = false;
  std::thread worker_;
};

}  // namespace jadwal::workflow
