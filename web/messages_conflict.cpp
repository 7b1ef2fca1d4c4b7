// Messages of the double-booking confirmation (conflict_confirm.cpp) and of
// the audit entries it leaves (audit_text.cpp). Ids start with
// "staf_conflict_" or "audit.conflicts".

#include <array>

#include "web/messages.h"

namespace jadwal::web {

namespace {

constexpr std::array kConflict = {
    Message{"staf_conflict_title", "Jadwal bentrok", "Schedule conflict"},
    Message{"staf_conflict_hidden_event", "Acara lain (di kalender yang tidak dapat Anda baca)",
            "Another event (on a calendar you cannot read)"},
    Message{"staf_conflict_intro_one", "{leader} sudah punya acara lain yang dikonfirmasi pada waktu itu:",
            "{leader} already has another confirmed event at that time:"},
    Message{"staf_conflict_intro_many", "{leader} sudah punya {count} acara lain yang dikonfirmasi pada waktu itu:",
            "{leader} already has {count} other confirmed events at that time:"},
    Message{"staf_conflict_question", "Tetap lanjutkan? Pimpinan akan tercatat di dua acara pada waktu yang sama.",
            "Go ahead anyway? The leader will be booked for two events at the same time."},
    Message{"staf_conflict_confirm_approve", "Tetap setujui", "Approve anyway"},
    Message{"staf_conflict_confirm_reschedule", "Tetap jadwalkan ulang", "Reschedule anyway"},
    Message{"staf_conflict_confirm_hadir", "Tetap hadir", "Attend anyway"},
    Message{"staf_conflict_cancel", "Batal", "Cancel"},
    // The request page's agenda of the day: an event with an open end (staff_request_page.cpp).
    Message{"staf_conflict_open_end", "s.d. selesai", "until finished"},
    Message{"staf_action_conflicts_confirmed", "Bentrok dikonfirmasi", "Conflict confirmed"},
    Message{"audit.conflicts_confirmed", "Bentrok jadwal dikonfirmasi: {events}",
            "Schedule conflict confirmed: {events}"},
    Message{"audit.conflicts_unnamed", "{count} acara lain", "{count} other events"},
    Message{"audit.conflicts_confirmed_disposition", "bentrok jadwal dikonfirmasi: {events}",
            "schedule conflict confirmed: {events}"},
};

}  // namespace

const std::span<const Message> kConflictMessages(kConflict);

}  // namespace jadwal::web
