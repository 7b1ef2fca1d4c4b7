#include "workflow/request_validation.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>

#include "base/text.h"
#include "workflow/request_form_fields.h"
#include "workflow/upload_check.h"
#include "workflow/wib_format.h"

namespace jadwal::workflow {

namespace {

using limits::kEmail;
using limits::kLongText;
using limits::kParagraph;
using limits::kShortText;

// One line of text: control characters (a pasted line break, a tab) become
// spaces, so that nothing typed can start a new line in a mail header or an
// iCalendar property.
std::string singleLine(std::string_view text) {
  std::string line = base::trimmedCopy(text);
  for (char& c : line)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  return line;
}

// Several lines allowed; other control characters dropped.
std::string paragraph(std::string_view text) {
  std::string out;
  for (char c : base::trimmedCopy(text)) {
    if (c == '\r') continue;
    if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') continue;
    out += c;
  }
  return out;
}

bool oneOf(const std::string& value, const std::vector<std::string_view>& choices) {
  return std::find(choices.begin(), choices.end(), value) != choices.end();
}

class FieldChecker {
 public:
  explicit FieldChecker(FieldErrors& errors) : errors_(errors) {}

  // Records the first error of a field only: the one the person fixes first.
  void fail(const std::string& field, const std::string& message) { errors_.emplace(field, message); }

  // A typed or chosen field of the request form, by the form's table:
  // cleaned, required or not, within its length, one of its choices.
  std::string text(const RequestForm& form, std::string_view name) {
    const FormField& field = requestFormField(name);
    const std::string key(name);
    const std::string& value = form.*field.text;
    std::string clean = field.kind == FormFieldKind::Paragraph ? paragraph(value) : singleLine(value);
    if (clean.empty() && field.required) fail(key, "required");
    if (clean.size() > field.maxBytes) fail(key, "too_long");
    if (field.kind == FormFieldKind::Choice && !clean.empty() && !oneOf(clean, field.choices))
      fail(key, "invalid_choice");
    return clean;
  }

 private:
  FieldErrors& errors_;
};

std::string digitsOnly(const std::string& number, bool& plus) {
  std::string digits;
  plus = false;
  for (std::size_t i = 0; i < number.size(); ++i) {
    char c = number[i];
    if (c == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
      return {};
    }
  }
  return digits;
}

std::optional<FileType> fileTypeFor(const std::string& field, std::string_view bytes, std::size_t maxBytes,
                                    std::string& error) {
  if (bytes.size() > maxBytes) {
    error = "file_too_large";
    return std::nullopt;
  }
  auto type = sniffFileType(bytes);
  if (field == "surat") {
    if (type != FileType::Pdf) {
      error = "file_type_pdf";
      return std::nullopt;
    }
  } else if (!type) {
    error = "file_type_document";
    return std::nullopt;
  }
  return type;
}

// The form states a total for all files of a submission: the letter counts
// first, then the supporting files in their order; those that would pass
// the total are refused (not stored) and said beside "pendukung".
template <typename Candidate>
void dropBeyondTotal(std::size_t letterSize, std::vector<Candidate>& supporting, std::size_t maxTotal,
                     FieldErrors& errors) {
  std::size_t total = letterSize;
  std::vector<Candidate> within;
  for (auto& candidate : supporting) {
    if (candidate.size > maxTotal || total > maxTotal - candidate.size) {
      errors.emplace("pendukung", "files_total_too_large");
      continue;
    }
    total += candidate.size;
    within.push_back(std::move(candidate));
  }
  supporting = std::move(within);
}

}  // namespace

FieldErrors checkCalendarEdit(sql::Instant start, const std::optional<sql::Instant>& end,
                              const std::optional<std::string>& location, std::string& venue) {
  FieldErrors errors;
  if (location) {
    venue = singleLine(*location);
    if (venue.empty()) errors.emplace("tempat", "required");
    if (venue.size() > limits::kVenue) errors.emplace("tempat", "too_long");
  }
  if (end && *end <= start) errors.emplace("jam_selesai", "end_before_start");
  return errors;
}

bool isIndonesianMobileNumber(const std::string& number) {
  bool plus = false;
  std::string digits = digitsOnly(number, plus);
  std::string subscriber;  // what follows the country or trunk prefix, starting with 8
  if (plus) {
    if (digits.rfind("62", 0) != 0) return false;
    subscriber = digits.substr(2);
  } else if (digits.rfind("62", 0) == 0) {
    subscriber = digits.substr(2);
  } else if (digits.rfind("0", 0) == 0) {
    subscriber = digits.substr(1);
  } else {
    return false;
  }
  // Indonesian mobile numbers: 8xx followed by 7 to 10 more digits.
  return subscriber.size() >= 9 && subscriber.size() <= 13 && subscriber[0] == '8';
}

FieldErrors checkAgendaDetails(const AgendaDetails& details, sql::RequestRow& row) {
  FieldErrors errors;
  const std::string dress = singleLine(details.dressCode);
  const std::string role = singleLine(details.leaderRole);
  const std::string contact = singleLine(details.contactPerson);
  if (dress.size() > kShortText) errors.emplace("pakaian", "too_long");
  if (role.size() > kShortText) errors.emplace("peran", "too_long");
  if (contact.size() > kShortText) errors.emplace("narahubung", "too_long");
  if (!errors.empty()) return errors;
  row.dressCode = dress;
  row.leaderRole = role;
  row.contactPerson = contact;
  row.published = details.published;
  return errors;
}

bool isPlausibleEmail(const std::string& address) {
  if (address.size() > kEmail) return false;
  auto at = address.find('@');
  if (at == std::string::npos || at == 0 || address.find('@', at + 1) != std::string::npos) return false;
  std::string_view domain(address.data() + at + 1, address.size() - at - 1);
  auto dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || domain.back() == '.' || domain.find("..") != std::string_view::npos)
    return false;
  return std::none_of(address.begin(), address.end(), [](char c) {
    return static_cast<unsigned char>(c) <= 0x20 || c == '<' || c == '>' || c == ',' || c == ';' || c == '"';
  });
}

FieldErrors validateFormFields(const RequestForm& form, sql::Store& store, const Clock& clock,
                               const WorkflowConfig& config, sql::RequestRow& out) {
  FieldErrors errors;
  FieldChecker check(errors);

  out.requesterName = check.text(form, "nama");
  out.requesterPosition = check.text(form, "jabatan");
  out.institution = check.text(form, "instansi");
  out.whatsapp = check.text(form, "whatsapp");
  if (!out.whatsapp.empty() && !errors.count("whatsapp") && !isIndonesianMobileNumber(out.whatsapp))
    check.fail("whatsapp", "invalid_phone");
  out.email = check.text(form, "email");
  if (!out.email.empty() && !errors.count("email") && !isPlausibleEmail(out.email))
    check.fail("email", "invalid_email");
  out.language = form.language == "en" ? "en" : "id";

  out.letterNumber = check.text(form, "nomor_surat");
  out.letterDate = check.text(form, "tanggal_surat");
  if (!out.letterDate.empty() && !errors.count("tanggal_surat") && !fromLocal(out.letterDate, "00:00", config.timezone))
    check.fail("tanggal_surat", "invalid_date");
  out.subject = check.text(form, "perihal");
  out.letterType = check.text(form, "jenis_surat");

  out.eventName = check.text(form, "nama_kegiatan");
  out.venue = check.text(form, "tempat");
  out.address = check.text(form, "alamat");
  out.dressCode = check.text(form, "pakaian");
  out.leaderRole = check.text(form, "peran");
  out.otherInvitees = check.text(form, "undangan_lain");
  out.contactPerson = check.text(form, "narahubung");
  out.representativeAccepted = form.representativeAccepted;

  // The activity's day and hours, in the office's time zone.
  std::string dateText = singleLine(form.date);
  std::string startText = singleLine(form.startTime);
  std::string endText = singleLine(form.endTime);
  const bool dateValid = fromLocal(dateText, "00:00", config.timezone).has_value();
  if (dateText.empty()) {
    if (requestFormField("tanggal").required) check.fail("tanggal", "required");
  } else if (!dateValid) {
    check.fail("tanggal", "invalid_date");
  } else if (dateText < isoDate(clock.now(), config.timezone)) {  // ISO dates order as text
    check.fail("tanggal", "date_in_past");
  }
  // A time is judged on its own, so that a bad date does not hide a bad time.
  auto clockValid = [](const std::string& time) { return fromLocal("2000-01-01", time, "UTC").has_value(); };
  if (startText.empty()) {
    if (requestFormField("jam_mulai").required) check.fail("jam_mulai", "required");
  } else if (!clockValid(startText)) {
    check.fail("jam_mulai", "invalid_time");
  }
  // The end time is optional: left empty it means an open end, as if
  // "s.d. selesai" were ticked.
  const bool openEnd = form.untilDone || endText.empty();
  if (!openEnd && !clockValid(endText)) check.fail("jam_selesai", "invalid_time");
  auto start = fromLocal(dateText, startText, config.timezone);
  auto end = openEnd ? std::nullopt : fromLocal(dateText, endText, config.timezone);
  if (start && end && *end <= *start) check.fail("jam_selesai", "end_before_start");
  if (start) out.start = *start;
  out.end = end;

  // The leaders asked: each an enabled leader account, none twice.
  out.leadersAsked.clear();
  for (const auto& typed : form.leaders) {
    std::string name = singleLine(typed);
    if (name.empty() || std::find(out.leadersAsked.begin(), out.leadersAsked.end(), name) != out.leadersAsked.end())
      continue;
    auto user = name.size() <= kShortText ? store.findUser(name) : std::nullopt;
    if (!user || user->role != sql::Role::Leader || user->disabled) {
      check.fail("pimpinan", "unknown_leader");
      continue;
    }
    out.leadersAsked.push_back(name);
  }
  if (out.leadersAsked.empty() && requestFormField("pimpinan").required) check.fail("pimpinan", "required");
  return errors;
}

CheckedFiles checkSubmissionFiles(const std::vector<UploadedFile>& uploads, const std::vector<KeptFile>& kept,
                                  sql::RequestStore& requests, const WorkflowConfig& config, sql::Instant now,
                                  bool formHasErrors) {
  CheckedFiles result;
  // A file that passed; a new upload keeps its bytes here until it is stored.
  struct Candidate {
    KeptFile file;
    const std::string* newBytes = nullptr;
    std::size_t size = 0;
  };
  std::optional<Candidate> letter;
  std::vector<Candidate> supporting;

  auto accept = [&](const std::string& field, const std::string& name, const std::string& bytes,
                    const std::string& knownSha256) -> std::optional<KeptFile> {
    std::string error;
    auto type = fileTypeFor(field, bytes, config.maxFileBytes, error);
    if (!type) {
      result.errors.emplace(field, error);
      return std::nullopt;
    }
    KeptFile file;
    file.field = field;
    file.name = safeFileName(name, *type);
    file.contentType = std::string(mediaTypeOf(*type));
    file.sha256 = knownSha256;
    return file;
  };

  // Beyond the limit a supporting file is refused before it is stored: a
  // form sent back with errors must not be a way to fill the database.
  auto roomForSupporting = [&] {
    if (supporting.size() < config.maxSupportingFiles) return true;
    result.errors.emplace("pendukung", "too_many_files");
    return false;
  };
  auto alreadyKept = [&](const std::string& sha256) {
    return (letter && letter->file.sha256 == sha256) ||
           std::any_of(supporting.begin(), supporting.end(),
                       [&](const Candidate& c) { return c.file.sha256 == sha256; });
  };

  // Files from an earlier attempt first, so that a new upload of the letter replaces the kept one.
  for (const auto& file : kept) {
    if (file.field != "surat" && file.field != "pendukung") continue;
    if (alreadyKept(file.sha256)) continue;  // a replayed hidden field reads the blob once
    if (file.field == "pendukung" && !roomForSupporting()) continue;
    // Touched first: once marked, collection spares the blob while this
    // submission goes on.
    if (!requests.touchBlob(file.sha256, now)) continue;  // unknown blob: as if nothing had been carried
    auto bytes = requests.blobBytes(file.sha256);
    if (!bytes) continue;
    auto checked = accept(file.field, file.name, *bytes, file.sha256);
    if (!checked) continue;
    if (file.field == "surat")
      letter = Candidate{*checked, nullptr, bytes->size()};
    else
      supporting.push_back({*checked, nullptr, bytes->size()});
  }
  for (const auto& upload : uploads) {
    if (upload.field != "surat" && upload.field != "pendukung") continue;
    if (upload.bytes.empty() && upload.fileName.empty()) continue;  // a file input left empty
    if (upload.field == "pendukung" && !roomForSupporting()) continue;
    auto checked = accept(upload.field, upload.fileName, upload.bytes, "");
    if (!checked) continue;
    if (upload.field == "surat")
      letter = Candidate{*checked, &upload.bytes, upload.bytes.size()};
    else
      supporting.push_back({*checked, &upload.bytes, upload.bytes.size()});
  }
  dropBeyondTotal(letter ? letter->size : 0, supporting, config.maxUploadTotalBytes, result.errors);

  if (supporting.size() > config.maxSupportingFiles) {
    supporting.resize(config.maxSupportingFiles);
    result.errors.emplace("pendukung", "too_many_files");
  }
  if (!letter && !result.errors.count("surat") && requestFormField("surat").required)
    result.errors.emplace("surat", "file_required");

  // New uploads are stored now. Those of a form going back with errors are
  // only kept for the next try while the files no request uses stay within
  // their bound, read once.
  const bool goingBack = formHasErrors || !result.errors.empty();
  std::optional<std::int64_t> budget;
  auto store = [&](Candidate& candidate) {
    if (!candidate.newBytes) return true;
    const auto size = static_cast<std::int64_t>(candidate.newBytes->size());
    if (goingBack) {
      if (!budget) budget = static_cast<std::int64_t>(config.maxUnusedFileBytes) - requests.unusedBlobBytes();
      if (size > *budget) {
        result.errors.emplace(candidate.file.field, "file_not_kept");
        return false;
      }
      *budget -= size;
    }
    candidate.file.sha256 = requests.putBlob(*candidate.newBytes, now);
    return true;
  };
  if (letter && store(*letter)) result.kept.push_back(letter->file);
  for (auto& candidate : supporting) {
    if (store(candidate)) result.kept.push_back(candidate.file);
  }
  for (const auto& file : result.kept) result.files.push_back({file.field, file.name, file.contentType, file.sha256});
  return result;
}

CheckedLetter checkRevisedLetter(const UploadedFile& upload, const WorkflowConfig& config) {
  CheckedLetter result;
  if (upload.bytes.empty()) {
    result.error = "file_required";
    return result;
  }
  auto type = fileTypeFor("surat", upload.bytes, config.maxFileBytes, result.error);
  if (!type) return result;
  result.file = sql::FileRef{"revisi", safeFileName(upload.fileName, *type), std::string(mediaTypeOf(*type)), "",
                             std::make_shared<const std::string>(upload.bytes)};
  return result;
}

std::optional<std::string> revisionRefusal(const std::vector<sql::FileRow>& files, sql::Instant now,
                                           const WorkflowConfig& config) {
  constexpr sql::Instant kHour = 3600;
  std::size_t revisions = 0, lastHour = 0;
  for (const auto& file : files) {
    if (file.kind != "revisi") continue;
    ++revisions;
    if (file.uploadedAt > now - kHour) ++lastHour;
  }
  if (revisions >= config.maxRevisions) return "too_many_revisions";
  if (lastHour >= config.revisionsPerHour) return "revisions_too_fast";
  return std::nullopt;
}

FieldErrors applyScheduleChange(const std::string& date, const std::string& startTime, const std::string& endTime,
                                bool untilDone, const std::string& venue, const WorkflowConfig& config,
                                sql::RequestRow& row, bool& changed) {
  FieldErrors errors;
  changed = false;
  const std::string& zone = config.timezone;
  // Empty fields keep the row's day and hours, read in the office's zone.
  std::string day = singleLine(date), start = singleLine(startTime), end = singleLine(endTime);
  if (day.empty()) day = isoDate(row.start, zone);
  if (start.empty()) start = isoTime(row.start, zone);
  if (end.empty() && row.end) end = isoTime(*row.end, zone);
  if (!fromLocal(day, "00:00", zone)) errors.emplace("tanggal", "invalid_date");
  if (!fromLocal("2000-01-01", start, "UTC")) errors.emplace("jam_mulai", "invalid_time");
  if (!untilDone && !end.empty() && !fromLocal("2000-01-01", end, "UTC")) errors.emplace("jam_selesai", "invalid_time");
  std::string place = singleLine(venue);
  if (place.size() > limits::kVenue) errors.emplace("tempat", "too_long");
  if (!errors.empty()) return errors;

  sql::Instant newStart = *fromLocal(day, start, zone);
  std::optional<sql::Instant> newEnd;
  if (!untilDone && !end.empty()) newEnd = fromLocal(day, end, zone);
  if (newEnd && *newEnd <= newStart) {
    errors.emplace("jam_selesai", "end_before_start");
    return errors;
  }
  changed = newStart != row.start || newEnd != row.end || (!place.empty() && place != row.venue);
  row.start = newStart;
  row.end = newEnd;
  if (!place.empty()) row.venue = place;
  return errors;
}

}  // namespace jadwal::workflow
