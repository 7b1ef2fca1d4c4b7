// The page that asks to confirm a double booking, and the check that a
// confirmation sent back is for the events it showed.

#include "web/conflict_confirm.h"

#include <sodium.h>

#include <algorithm>

#include "web/audit_text.h"
#include "workflow/wib_format.h"

namespace jadwal::web::staff {

namespace mustache = kainjow::mustache;

namespace {

// Fields the page writes itself rather than carrying over.
bool ownField(const std::string& name) { return name == "csrf" || name == "bentrok" || name == "konfirmasi_bentrok"; }

// The time the decision books: the form's new date and time when it sets
// them (approve with a changed time, reschedule), else the request's.
std::string bookedWhen(const sql::RequestRow& row, const FormData& form, const std::string& zone,
                       const std::string& language) {
  const std::string date = form.value("tanggal").empty() ? workflow::isoDate(row.start, zone) : form.value("tanggal");
  const std::string startTime = form.value("jam_mulai");
  if (startTime.empty() && form.value("tanggal").empty())
    return workflow::formatSpan(row.start, row.end, zone, language);
  const auto start =
      workflow::fromLocal(date, startTime.empty() ? workflow::isoTime(row.start, zone) : startTime, zone);
  if (!start) return workflow::formatSpan(row.start, row.end, zone, language);
  const bool open = form.value("sampai_selesai") == "1" || form.value("jam_selesai").empty();
  const auto end = open ? std::nullopt : workflow::fromLocal(date, form.value("jam_selesai"), zone);
  return workflow::formatSpan(*start, end, zone, language);
}

}  // namespace

std::string overlapsFingerprint(const std::vector<workflow::ConflictingEvent>& conflicts) {
  std::vector<std::string> lines;
  for (const auto& event : conflicts) {
    lines.push_back(event.leader + '\t' + std::to_string(event.start) + '\t' + std::to_string(event.end) + '\t' +
                    event.etag + '\t' + event.summary);
  }
  std::sort(lines.begin(), lines.end());
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, 16);
  for (const auto& line : lines) {
    // Each line with its length, so that no two lists read the same.
    const std::string framed = std::to_string(line.size()) + ":" + line;
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(framed.data()), framed.size());
  }
  unsigned char digest[16];
  crypto_generichash_final(&state, digest, sizeof digest);
  char hex[2 * sizeof digest + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

bool confirmsOverlaps(const FormData& form, const workflow::Outcome& outcome) {
  return outcome.status == workflow::Outcome::Status::NeedsConfirmation && form.value("konfirmasi_bentrok") == "1" &&
         form.value("bentrok") == overlapsFingerprint(outcome.conflicts);
}

WebResponse conflictConfirmPage(StaffRequest& staff, const sql::RequestRow& row, const FormData& form, bool disposition,
                                const std::vector<workflow::ConflictingEvent>& conflicts) {
  const std::string& zone = staff.web.requests.config().timezone;
  const std::string& language = staff.language;
  UserNames names(staff.web.store);
  mustache::data data = baseData(staff);
  data.set("event", row.eventName);
  data.set("when", bookedWhen(row, form, zone, language));

  mustache::data events{mustache::data::type::list};
  for (const auto& conflict : conflicts) {
    mustache::data event;
    // Only who may read that agenda learns what the other event is; the
    // others see that the time is taken, as the history tells them.
    event.set("summary",
              mayReadAgenda(staff, conflict.leader) ? conflict.summary : tr(language, "staf_conflict_hidden_event"));
    event.set("leader", names.display(conflict.leader));
    // An open end reads as the office writes it, whatever span it is assumed to take.
    event.set("when", workflow::formatSpan(conflict.start,
                                           conflict.openEnd ? std::nullopt : std::optional<sql::Instant>(conflict.end),
                                           zone, language));
    events.push_back(event);
  }
  data.set("events", events);
  const std::string leader = conflicts.empty() ? std::string() : names.display(conflicts.front().leader);
  const std::string intro =
      tr(language, conflicts.size() == 1 ? "staf_conflict_intro_one" : "staf_conflict_intro_many");
  data.set("intro", filled(intro, {{"leader", leader}, {"count", std::to_string(conflicts.size())}}));

  mustache::data fields{mustache::data::type::list};
  for (const auto& [name, value] : form.fields) {
    if (ownField(name)) continue;
    mustache::data field;
    field.set("name", name);
    field.set("value", value);
    fields.push_back(field);
  }
  data.set("fields", fields);
  data.set("fingerprint", overlapsFingerprint(conflicts));
  const std::string base = "/staf/permohonan/" + std::to_string(row.id);
  data.set("action", base + (disposition ? "/disposisi" : "/keputusan"));
  data.set("back", base);
  const std::string confirm = disposition ? "staf_conflict_confirm_hadir"
                                          : (form.value("aksi") == "reschedule" ? "staf_conflict_confirm_reschedule"
                                                                                : "staf_conflict_confirm_approve");
  data.set("confirmLabel", tr(language, confirm));

  WebResponse response;
  response.status = 409;
  response.body = renderPage("staf_konfirmasi_bentrok", tr(language, "staf_conflict_title"), data, language);
  return response;
}

}  // namespace jadwal::web::staff
