// The words the requester reads, by mail and by WhatsApp, in Indonesian or
// English. Both channels say the same thing; WhatsApp in fewer lines.

#include "workflow/notifier.h"
#include "base/percent.h"
#include "workflow/representative.h"

#include "workflow/wib_format.h"

namespace jadwal::workflow {

namespace {

struct Wording {
  std::string_view subject;    // before " [<code>]"
  std::string_view sentence;   // what happened and what to do
  std::string_view noteLabel;  // how the decision note is introduced
};

Wording indonesian(Notice notice) {
  switch (notice) {
    case Notice::Received:
      return {"Permohonan diterima",
              "Permohonan Anda telah kami terima dan akan segera diperiksa. Simpan kode permohonan di bawah ini "
              "untuk melihat statusnya.",
              "Catatan"};
    case Notice::Returned:
      return {"Permohonan dikembalikan untuk perbaikan",
              "Permohonan Anda dikembalikan untuk diperbaiki. Silakan unggah surat yang telah diperbaiki melalui "
              "halaman status permohonan.",
              "Catatan"};
    case Notice::Approved:
      return {"Permohonan disetujui", "Permohonan Anda disetujui. Pimpinan dijadwalkan hadir pada kegiatan berikut.",
              "Catatan"};
    case Notice::Represented:
      return {"Pimpinan diwakilkan",
              "Permohonan Anda disetujui. Pimpinan berhalangan dan akan diwakili pada kegiatan berikut.", "Catatan"};
    case Notice::Rejected:
      return {"Permohonan tidak dapat dipenuhi", "Mohon maaf, permohonan Anda tidak dapat dipenuhi.", "Alasan"};
    case Notice::Cancelled:
      return {"Kehadiran pimpinan dibatalkan", "Mohon maaf, kehadiran pimpinan pada kegiatan berikut dibatalkan.",
              "Alasan"};
    case Notice::Rescheduled:
      return {"Jadwal kegiatan diubah", "Jadwal kehadiran pimpinan pada kegiatan berikut telah diubah.", "Catatan"};
  }
  return {"Permohonan", "", "Catatan"};
}

Wording english(Notice notice) {
  switch (notice) {
    case Notice::Received:
      return {"Request received",
              "We have received your request and will review it shortly. Keep the request code below to follow its "
              "status.",
              "Note"};
    case Notice::Returned:
      return {"Request returned for revision",
              "Your request has been returned for revision. Please upload the revised letter on the request's status "
              "page.",
              "Note"};
    case Notice::Approved:
      return {"Request approved", "Your request has been approved. The leader is scheduled to attend this activity.",
              "Note"};
    case Notice::Represented:
      return {"Leader represented",
              "Your request has been approved. The leader cannot attend and will be represented at this activity.",
              "Note"};
    case Notice::Rejected:
      return {"Request declined", "We are sorry, your request cannot be granted.", "Reason"};
    case Notice::Cancelled:
      return {"Leader's attendance cancelled", "We are sorry, the leader's attendance at this activity is cancelled.",
              "Reason"};
    case Notice::Rescheduled:
      return {"Activity schedule changed", "The schedule of the leader's attendance at this activity has changed.",
              "Note"};
  }
  return {"Request", "", "Note"};
}

struct Labels {
  std::string_view greeting, code, activity, time, venue, representedBy, status, closing;
};

Labels labelsFor(std::string_view language) {
  if (language == "en") {
    return {"Dear", "Request code", "Activity", "Time", "Venue", "Represented by", "Request status", "Regards,"};
  }
  return {"Yth.",   "Kode permohonan", "Kegiatan",          "Waktu",
          "Tempat", "Diwakili oleh",   "Status permohonan", "Hormat kami,"};
}

bool isEnglish(const sql::RequestRow& request) { return request.language == "en"; }

std::string statusUrl(const sql::RequestRow& request, const WorkflowConfig& config) {
  return config.publicUrl + "/permohonan/" + request.code;
}

void addLine(std::string& text, std::string_view label, const std::string& value, std::string_view separator) {
  if (value.empty()) return;
  text.append(label).append(separator).append(value).append("\n");
}

// The facts every notice carries, one "Label: value" per line.
std::string facts(Notice notice, const sql::RequestRow& request, const WorkflowConfig& config, const Labels& labels,
                  const Wording& wording) {
  const std::string_view language = isEnglish(request) ? "en" : "id";
  std::string venue = request.venue;
  if (!request.address.empty()) venue += (venue.empty() ? "" : ", ") + request.address;
  std::string text;
  addLine(text, labels.code, request.code, ": ");
  addLine(text, labels.activity, request.eventName, ": ");
  addLine(text, labels.time, formatSpan(request.start, request.end, config.timezone, language), ": ");
  addLine(text, labels.venue, venue, ": ");
  if (notice == Notice::Represented) addLine(text, labels.representedBy, representativeText(request), ": ");
  if (notice != Notice::Received) addLine(text, wording.noteLabel, request.decisionNote, ": ");
  return text;
}

// The receipt and the rejection: fixed words, the code, the reason staff
// wrote (a rejection), the link and the office; nothing the submitter typed.
MailMessage neutralMail(Notice notice, const sql::RequestRow& request, const WorkflowConfig& config) {
  const bool en = isEnglish(request);
  const Wording wording = en ? english(notice) : indonesian(notice);
  const Labels labels = labelsFor(request.language);
  MailMessage mail;
  mail.to = request.email;
  mail.receipt = notice == Notice::Received;
  mail.subject = std::string(wording.subject) + " [" + request.code + "]";
  std::string text = std::string(labels.greeting) + (en ? " requester" : " Pemohon") + ",\n\n" +
                     std::string(wording.sentence) + "\n\n";
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

MailMessage composeMail(Notice notice, const sql::RequestRow& request, const WorkflowConfig& config) {
  if (notice == Notice::Received || notice == Notice::Rejected) return neutralMail(notice, request, config);
  const Wording wording = isEnglish(request) ? english(notice) : indonesian(notice);
  const Labels labels = labelsFor(request.language);
  MailMessage mail;
  mail.to = request.email;
  mail.subject = std::string(wording.subject) + ": " + request.eventName + " [" + request.code + "]";
  mail.body = std::string(labels.greeting) + " " + request.requesterName + ",\n\n" + std::string(wording.sentence) +
              "\n\n" + facts(notice, request, config, labels, wording) + "\n" + std::string(labels.status) + ": " +
              statusUrl(request, config) + "\n\n" + std::string(labels.closing) + "\n" + config.officeName + "\n";
  return mail;
}

std::string whatsappText(Notice notice, const sql::RequestRow& request, const WorkflowConfig& config) {
  const Wording wording = isEnglish(request) ? english(notice) : indonesian(notice);
  const Labels labels = labelsFor(request.language);
  // WhatsApp shows *text* in bold.
  return "*" + config.officeName + "*\n" + std::string(labels.greeting) + " " + request.requesterName + ",\n" +
         std::string(wording.sentence) + "\n\n" + facts(notice, request, config, labels, wording) + "\n" +
         std::string(labels.status) + ": " + statusUrl(request, config);
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
