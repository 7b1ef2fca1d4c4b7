#pragma once
// The message catalog, one table per page module so modules never edit the
// same file. i18n.cpp looks ids up across all tables (tr in web/web.h).

#include <span>
#include <string_view>
#include <vector>

namespace jadwal::web {

struct Message {
  std::string_view id;  // stable English key, e.g. "form.title" or a FieldErrors id like "required"
  std::string_view indonesian;
  std::string_view english;
};

extern const std::span<const Message> kCommonMessages;  // messages_common.cpp: layout, errors, field errors, states
extern const std::span<const Message> kPublicMessages;  // messages_public.cpp: form, receipt, status pages
extern const std::span<const Message> kAgendaMessages;  // messages_agenda.cpp: the staff and public agenda pages
extern const std::span<const Message> kStaffMessages;   // messages_staff.cpp: login, inbox, request page, decisions
extern const std::span<const Message> kFeedMessages;    // messages_feeds.cpp: the account page and its feeds
// messages_archive.cpp: the archive search page
extern const std::span<const Message> kArchiveMessages;
extern const std::span<const Message> kRecapMessages;  // messages_recap.cpp: the work report and its files
extern const std::span<const Message> kAdminMessages;  // messages_admin.cpp: user administration
extern const std::span<const Message> kDeskMessages;   // messages_desk.cpp: the inbox table, the decisions on top
// messages_home.cpp: the first screen of leaders, aides and viewers
extern const std::span<const Message> kHomeMessages;
// messages_requester.cpp: the receipt's buttons, withdrawing, corrections, error titles
extern const std::span<const Message> kRequesterMessages;
// messages_conflict.cpp: the double-booking confirmation and its audit entries
extern const std::span<const Message> kConflictMessages;
// messages_form.cpp: the public form's limits and checks, the too-large page
extern const std::span<const Message> kFormMessages;

// Every message of the catalogue, across the tables, as tr() finds them
// (i18n.cpp): what the tests check the ids asked for against.
std::vector<const Message*> catalogueMessages();

}  // namespace jadwal::web
