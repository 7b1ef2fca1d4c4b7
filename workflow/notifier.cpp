// The words the requester reads, by mail and by WhatsApp, in Indonesian or
// English. Both channels say the same thing; WhatsApp in fewer lines.

#include "workflow/notifier.h"
#include "base/percent.h"
#include "workflow/event_mapping.h"
#include "workflow/representative.h"
#include "workflow/wib_format.h"

namespace jadwal::workflow {

namespace {

bool isEnglish(const sql::RequestRow& request) { return request.language == "en"; }

// Whom the notice is about: the leader the event is for, else the leaders
// asked, by their shown names ("Bupati"); "Pimpinan" / "the leader" only
// when no name is known.
std::string leaderNames(const sql::RequestRow& request, const DisplayNameOf& displayNameOf, bool en) {
  std::vector<std::string> users;
  if (!request.assignedLeader.empty())
    users.push_back(request.assignedLeader);
  else
    users = request.leadersAsked;
  std::string names;
  for (std::size_t i = 0; i < users.size(); ++i) {
    std::string name = displayNameOf ? displayNameOf(users[i]) : std::string();
    if (name.empty()) name = users[i];
    names += (i == 0 ? "" : i + 1 == users.size() ? (en ? " and " : " dan ") : ", ") + name;
  }
  if (!names.empty()) return en ? "the " + names : names;
  return en ? "the leader" : "Pimpinan";
}

// What a notice says happened, with `{leader}` and `{by}` filled in.
struct Wording {
  std::string subject;    // before " [<code>]"
  std::string sentence;   // what happened and what to do
  std::string noteLabel;  // how the decision note is introduced
};

Wording indonesian(Notice notice, const std::string& leader, const std::string& by) {
  switch (notice) {
    case Notice::Received:
      return {"Permohonan diterima",
              "Permohonan Anda telah kami terima dan akan segera diperiksa. Simpan kode permohonan di bawah ini "
              "untuk melihat statusnya.",
              "Catatan"};
    case Notice::Returned:
      return {"Permohonan dikembalikan untuk perbaikan",
              "Bersama ini kami sampaikan bahwa permohonan kehadiran " + leader +
                  " pada kegiatan berikut dikembalikan untuk diperbaiki. Silakan perbaiki isian atau unggah surat "
                  "yang telah diperbaiki melalui halaman status permohonan.",
              "Catatan"};
    case Notice::Approved:
      return {"Permohonan disetujui",
              "Menindaklanjuti permohonan Bapak/Ibu, bersama ini kami sampaikan bahwa " + leader +
                  " dijadwalkan hadir pada kegiatan berikut.",
              "Catatan"};
    case Notice::Represented:
      return {"Kehadiran " + leader + " diwakilkan",
              "Menindaklanjuti permohonan Bapak/Ibu, bersama ini kami sampaikan bahwa " + leader +
                  " berhalangan hadir dan akan diwakili" + (by.empty() ? "" : " oleh " + by) +
                  " pada kegiatan berikut.",
              "Catatan"};
    case Notice::Rejected:
      return {"Permohonan tidak dapat dipenuhi", "Mohon maaf, permohonan Anda tidak dapat dipenuhi.", "Alasan"};
    case Notice::Cancelled:
      return {"Kehadiran " + leader + " dibatalkan",
              "Dengan menyesal kami sampaikan bahwa kehadiran " + leader + " pada kegiatan berikut dibatalkan.",
              "Alasan"};
    case Notice::Rescheduled:
      return {"Jadwal kegiatan diubah",
              "Bersama ini kami sampaikan bahwa jadwal kehadiran " + leader +
                  " pada kegiatan berikut telah diubah menjadi:",
              "Catatan"};
  }
  return {"Permohonan", "", "Catatan"};
}

Wording english(Notice notice, const std::string& leader, const std::string& by) {
  switch (notice) {
    case Notice::Received:
      return {"Request received",
              "We have received your request and will review it shortly. Keep the request code below to follow its "
              "status.",
              "Note"};
    case Notice::Returned:
      return {"Request returned for revision",
              "Your request for " + leader +
                  " to attend this activity has been returned for revision. Please correct the fields or upload the "
                  "revised letter on the request's status page.",
              "Note"};
    case Notice::Approved:
      return {"Request approved",
              "Following your request, we are pleased to inform you that " + leader +
                  " is scheduled to attend this activity.",
              "Note"};
    case Notice::Represented:
      return {"Leader represented",
              "Following your request, we inform you that " + leader + " cannot attend and will be represented" +
                  (by.empty() ? "" : " by " + by) + " at this activity.",
              "Note"};
    case Notice::Rejected:
      return {"Request declined", "We are sorry, your request cannot be granted.", "Reason"};
    case Notice::Cancelled:
      return {"Leader's attendance cancelled",
              "We regret to inform you that the attendance of " + leader + " at this activity is cancelled.", "Reason"};
    case Notice::Rescheduled:
      return {"Activity schedule changed",
              "We inform you that the schedule of the attendance of " + leader + " at this activity has changed to:",
              "Note"};
  }
  return {"Request", "", "Note"};
}

Wording wordingOf(Notice notice, const sql::RequestRow& request, const DisplayNameOf& displayNameOf) {
  const bool en = isEnglish(request);
  const std::string leader = leaderNames(request, displayNameOf, en);
  const std::string by = notice == Notice::Represented ? representativeText(request, displayNameOf) : std::string();
  return en ? english(notice, leader, by) : indonesian(notice, leader, by);
}

struct Labels {
  std::string_view greeting, salutation, code, activity, time, venue, role, dress, contact, representedBy, status,
      thanks, closing;
};

Labels labelsFor(std::string_view language) {
  if (language == "en") {
    return {
        "Dear",    "",           "Request code",   "Activity",       "Time",           "Venue",
        "Role",    "Dress code", "Contact person", "Represented by", "Request status", "Thank you for your attention.",
        "Regards,"};
  }
  return {"Yth.",
          "Dengan hormat,",
          "Kode permohonan",
          "Kegiatan",
          "Waktu",
          "Tempat",
          "Ket.",
          "Pakaian",
          "Narahubung",
          "Diwakili oleh",
          "Status permohonan",
          "Demikian kami sampaikan. Atas perhatian Bapak/Ibu, kami ucapkan terima kasih.",
          "Hormat kami,"};
}

// The leader's role as the office writes it ("Ket."), in the reader's language.
std::string roleText(const std::string& role, bool en) {
  if (!en) return leaderRoleText(role);
  if (role == "menghadiri") return "Attending";
  if (role == "sambutan") return "Giving remarks";
  if (role == "membuka") return "Opening the event";
  if (role == "pengarahan") return "Giving a briefing";
  if (role == "narasumber") return "Speaker";
  return role;
}

std::string statusUrl(const sql::RequestRow& request, const WorkflowConfig& config) {
  return config.publicUrl + "/permohonan/" + request.code;
}

void addLine(std::string& text, std::string_view label, const std::string& value, std::string_view separator) {
  if (value.empty()) return;
  text.append(label).append(separator).append(value).append("\n");
}

// The opening: "Yth. <name>,\n\nDengan hormat,\n\n<sentence>\n\n".
std::string opening(const Labels& labels, const std::string& name, const Wording& wording) {
  std::string text = std::string(labels.greeting) + " " + name + ",\n\n";
  if (!labels.salutation.empty()) text += std::string(labels.salutation) + "\n\n";
  return text + wording.sentence + "\n\n";
}

// The facts every notice carries, one "Label: value" per line, as the agenda
// names them: time (s.d. selesai for an open end), place, the leader's role,
// dress code, contact person, who represents, the decision note.
std::string facts(Notice notice, const sql::RequestRow& request, const WorkflowConfig& config, const Labels& labels,
                  const Wording& wording, const DisplayNameOf& displayNameOf) {
  const bool en = isEnglish(request);
  std::string venue = request.venue;
  if (!request.address.empty()) venue += (venue.empty() ? "" : ", ") + request.address;
  std::string text;
  addLine(text, labels.code, request.code, ": ");
  addLine(text, labels.activity, request.eventName, ": ");
  addLine(text, labels.time, formatSpan(request.start, request.end, config.timezone, en ? "en" : "id"), ": ");
  addLine(text, labels.venue, venue, ": ");
  if (notice != Notice::Cancelled) {
    addLine(text, labels.role, roleText(request.leaderRole, en), ": ");
    addLine(text, labels.dress, request.dressCode, ": ");
    addLine(text, labels.contact, request.contactPerson, ": ");
  }
  if (notice == Notice::Represented)
    addLine(text, labels.representedBy, representativeText(request, displayNameOf), ": ");
  if (notice != Notice::Received) addLine(text, wording.noteLabel, request.decisionNote, ": ");
  return text;
}

// The receipt and the rejection: fixed words, the code, the reason staff
// wrote (a rejection), the link and the office; nothing the submitter typed.
MailMessage neutralMail(Notice notice, const sql::RequestRow& request, const WorkflowConfig& config) {
  const bool en = isEnglish(request);
  const Wording wording = en ? english(notice, "", "") : indonesian(notice, "", "");
  const Labels labels = labelsFor(request.language);
  MailMessage mail;
  mail.to = request.email;
  mail.receipt = notice == Notice::Received;
  mail.subject = wording.subject + " [" + request.code + "]";
  std::string text = opening(labels, en ? "requester" : "Pemohon", wording);
  addLine(text, labels.code, request.code, ": ");
  if (notice != Notice::Received) addLine(text, wording.noteLabel, request.decisionNote, ": ");
  text += std::string(labels.status) + ": " + statusUrl(request, config) + "\n\n";
  if (mail.receipt) {
    text += en ? "If you did not send this request, please ignore this email.\n\n"
               : "Jika Anda tidak merasa mengirim permohonan ini, abaikan surel ini.\n\n";
  }
  mail.body = text + std::string(labels.closing) + "\n" + config.officeName + "\n";
  return mail;
}

}  // namespace

MailMessage composeMail(Notice notice, const sql::RequestRow& request, const WorkflowConfig& config,
                        const DisplayNameOf& displayNameOf) {
  if (notice == Notice::Received || notice == Notice::Rejected) return neutralMail(notice, request, config);
  const Wording wording = wordingOf(notice, request, displayNameOf);
  const Labels labels = labelsFor(request.language);
  MailMessage mail;
  mail.to = request.email;
  mail.subject = wording.subject + ": " + request.eventName + " [" + request.code + "]";
  mail.body = opening(labels, request.requesterName, wording) +
              facts(notice, request, config, labels, wording, displayNameOf) + "\n" + std::string(labels.status) +
              ": " + statusUrl(request, config) + "\n\n" + std::string(labels.thanks) + "\n\n" +
              std::string(labels.closing) + "\n" + config.officeName + "\n";
  return mail;
}

std::string whatsappText(Notice notice, const sql::RequestRow& request, const WorkflowConfig& config,
                         const DisplayNameOf& displayNameOf) {
  const bool neutral = notice == Notice::Received || notice == Notice::Rejected;
  const Wording wording = neutral ? (isEnglish(request) ? english(notice, "", "") : indonesian(notice, "", ""))
                                  : wordingOf(notice, request, displayNameOf);
  const Labels labels = labelsFor(request.language);
  std::string greeting = std::string(labels.greeting) + " " + request.requesterName + ",\n";
  if (!labels.salutation.empty()) greeting += std::string(labels.salutation) + "\n";
  // WhatsApp shows *text* in bold.
  return "*" + config.officeName + "*\n" + greeting + wording.sentence + "\n\n" +
         facts(notice, request, config, labels, wording, displayNameOf) + "\n" + std::string(labels.status) + ": " +
         statusUrl(request, config);
}

std::string whatsappLink(const std::string& number, const std::string& text) {
  std::string digits;
  for (char c : number) {
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && !(c == '+' && digits.empty())) {
      return {};  // letters or stray symbols: not a phone number
    }
  }
  if (digits.starts_with("08")) digits = "62" + digits.substr(1);
  // An Indonesian mobile number: 62 8xx, 9 to 12 digits after the country code.
  if (!digits.starts_with("628") || digits.size() < 11 || digits.size() > 14) return {};

  return "https://wa.me/" + digits + "?text=" + base::percentEncoded(text);
}

}  // namespace jadwal::workflow
