#pragma once
// The morning mail: every day at AgendaConfig::morningMailTime (local
// time), each user who asked for it receives the day's agenda of the
// leaders whose calendars they may read, as the WhatsApp text, by mail.
//
// Sent at most once per day and user, across restarts and servers: the day
// is claimed in the database (sql/agenda_mail_store.h) before the mail goes
// out. A send that fails gives the day back, so a later check that day
// tries again, up to kMaxFailedSends times; a server that dies between the
// claim and the send leaves that day unsent rather than risk sending twice.
// A server started after the hour sends the day's mail at its first check.
// A user who may read no leader's calendar gets no mail (an empty mail
// every morning would teach them to ignore it); nor does a disabled user.

#include <functional>
#include <optional>
#include <string>

#include "caldav/ical/ical.h"
#include "sql/store.h"
#include "workflow/agenda.h"
#include "workflow/agenda_config.h"
#include "workflow/notifier.h"

namespace jadwal::workflow {

inline constexpr int kMaxFailedSends = 3;

// The day whose mail is due at `now`: today in `timezone` once its
// `mailTime` ("HH:MM") has come; nullopt before (or if `mailTime` is malformed).
std::optional<LocalDate> morningMailDue(sql::Instant now, const std::string& mailTime, const std::string& timezone);

struct MorningMailSettings {
  AgendaConfig agenda;
  std::string officeName;
  std::string timezone = "Asia/Jakarta";
  caldav::TimeContext time;        // expansion bounds (its budget is set per mail)
  std::size_t maxAnswerSteps = 0;  // recurrence steps one mail may take; 0: no bound
};

// Subject "Agenda pimpinan Rabu, 22 November 2023", the WhatsApp text as body.
MailMessage composeMorningMail(const Agenda& agenda, const MorningMailSettings& settings, const LocalDate& day,
                               const std::string& to);

class MorningMail {
 public:
  // Sends one message now and says whether the SMTP server took it.
  using Send = std::function<bool(const MailMessage&)>;
  // REQUIRES: `store` outlives this.
  MorningMail(sql::Store& store, MorningMailSettings settings, Send send);

  struct Pass {
    int sent = 0;
    int failed = 0;
    int nothingToSend = 0;  // claimed, but the user may read no leader
  };
  // One check at `now`: sends the day's mail to every subscriber who has
  // not had it, if the hour has come. Throws StoreError.
  Pass runOnce(sql::Instant now);

 private:
  sql::Store& store_;
  MorningMailSettings settings_;
  Send send_;
};

}  // namespace jadwal::workflow
