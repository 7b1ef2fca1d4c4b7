#include "workflow/morning_mail.h"

#include <Poco/Logger.h>

#include <exception>

#include "sql/agenda_mail_store.h"
#include "workflow/agenda_text.h"
#include "workflow/wib_format.h"

namespace jadwal::workflow {

std::optional<LocalDate> morningMailDue(sql::Instant now, const std::string& mailTime, const std::string& timezone) {
  const LocalDate today = localDateOf(now, timezone);
  const auto due = fromLocal(isoDateText(today), mailTime, timezone);
  if (!due || now < *due) return std::nullopt;
  return today;
}

MailMessage composeMorningMail(const Agenda& agenda, const MorningMailSettings& settings, const LocalDate& day,
                               const std::string& to) {
  MailMessage message;
  message.to = to;
  message.subject = "Agenda pimpinan " + formatDate(dayStart(day, settings.timezone), settings.timezone, "id");
  message.body = whatsappText(agenda, settings.agenda, settings.officeName, settings.timezone);
  return message;
}

MorningMail::MorningMail(sql::Store& store, MorningMailSettings settings, Send send)
    : store_(store), settings_(std::move(settings)), send_(std::move(send)) {}

MorningMail::Pass MorningMail::runOnce(sql::Instant now) {
  Pass pass;
  const auto day = morningMailDue(now, settings_.agenda.morningMailTime, settings_.timezone);
  if (!day) return pass;
  const std::string dayText = isoDateText(*day);
  sql::AgendaMailStore& mails = store_.agendaMails();
  for (const sql::AgendaMailSubscription& due : mails.agendaMailsDue(dayText)) {
    const auto user = store_.findUserById(due.userId);
    if (!user || user->disabled) continue;
    if (!mails.claimAgendaMailDay(due.userId, dayText, kMaxFailedSends)) continue;  // another server has it
    bool sent = false;
    try {
      caldav::ExpansionBudget budget;
      if (settings_.maxAnswerSteps > 0) budget.stepsLeft = settings_.maxAnswerSteps;
      caldav::TimeContext time = settings_.time;
      time.budget = &budget;
      AgendaQuery query;
      query.from = dayStart(*day, settings_.timezone);
      query.to = dayStart(nextDay(*day), settings_.timezone);
      const caldav::Principal reader{user->id, user->name, user->role, user->displayName};
      const Agenda agenda = readAgenda(store_, time, budget, settings_.agenda, reader, query);
      if (agenda.leaders.empty()) {
        ++pass.nothingToSend;
        continue;  // the day stays claimed: there was nothing to say
      }
      sent = send_(composeMorningMail(agenda, settings_, *day, due.address));
    } catch (const std::exception& e) {
      Poco::Logger::get("jadwal.mail").error("morning mail for " + user->name + " not made: " + e.what());
    }
    if (sent) {
      ++pass.sent;
    } else {
      ++pass.failed;
      mails.releaseAgendaMailDay(due.userId, dayText, due.lastDay);
    }
  }
  return pass;
}

}  // namespace jadwal::workflow
