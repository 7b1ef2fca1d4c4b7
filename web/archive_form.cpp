#include "web/archive_form.h"

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <array>
#include <charconv>

#include "base/percent.h"
#include "base/text.h"
#include "workflow/agenda.h"
#include "workflow/request_state.h"

namespace jadwal::web::archive {

namespace {

constexpr std::array kLetterTypes = {"undangan", "audiensi", "kunjungan", "lainnya"};

// Characters, not bytes: a bound in the form's own terms for names with accents.
std::size_t characters(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

int pageOf(const std::string& text) {
  int page = 1;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), page);
  // Absent or not a number: the first page, as the inbox does.
  if (error != std::errc() || end != text.data() + text.size()) return 1;
  return std::clamp(page, 1, kMaxPage);
}

void addParameter(std::string& link, char& separator, std::string_view name, const std::string& value) {
  if (value.empty()) return;
  link += separator;
  link += name;
  link += '=';
  link += base::percentEncoded(value);
  separator = '&';
}

}  // namespace

Form::Form(const WebRequest& request)
    : text(request.queryValue("q")),
      letterNumber(request.queryValue("nomor")),
      institution(request.queryValue("instansi")),
      leader(request.queryValue("pimpinan")),
      state(request.queryValue("status")),
      letterType(request.queryValue("jenis")),
      from(request.queryValue("dari")),
      until(request.queryValue("sampai")),
      dateField(request.queryValue("tanggal")),
      page(pageOf(request.queryValue("hal"))) {}

std::string Form::link(int number) const {
  std::string link = "/staf/arsip";
  char separator = '?';
  addParameter(link, separator, "q", text);
  addParameter(link, separator, "nomor", letterNumber);
  addParameter(link, separator, "instansi", institution);
  addParameter(link, separator, "pimpinan", leader);
  addParameter(link, separator, "status", state);
  addParameter(link, separator, "jenis", letterType);
  addParameter(link, separator, "dari", from);
  addParameter(link, separator, "sampai", until);
  addParameter(link, separator, "tanggal", dateField);
  if (number > 1) addParameter(link, separator, "hal", std::to_string(number));
  return link;
}

std::vector<FieldError> toQuery(const Form& form, const std::vector<std::string>& leaders, const std::string& timezone,
                                sql::ArchiveQuery& query) {
  std::vector<FieldError> errors;
  const auto bounded = [&](const char* field, const std::string& value, std::size_t limit, std::string& target) {
    if (characters(value) > limit) {
      errors.push_back({field, "staf_archive_too_long"});
    } else {
      target = base::trimmedCopy(value);
    }
  };
  bounded("q", form.text, kMaxTextLength, query.text);
  bounded("nomor", form.letterNumber, kMaxLetterNumberLength, query.letterNumber);
  bounded("instansi", form.institution, kMaxInstitutionLength, query.institution);

  if (!form.leader.empty()) {
    // A leader outside the user's choice is refused like an unknown one: the
    // answer tells nothing about who exists.
    if (std::find(leaders.begin(), leaders.end(), form.leader) == leaders.end()) {
      errors.push_back({"pimpinan", "staf_archive_unknown_leader"});
    } else {
      query.leader = form.leader;
    }
  }
  if (!form.state.empty()) {
    if (!workflow::parseState(form.state)) {
      errors.push_back({"status", "staf_archive_unknown_state"});
    } else {
      query.states = {form.state};
    }
  }
  if (!form.letterType.empty()) {
    if (std::find(kLetterTypes.begin(), kLetterTypes.end(), form.letterType) == kLetterTypes.end()) {
      errors.push_back({"jenis", "staf_archive_unknown_type"});
    } else {
      query.letterType = form.letterType;
    }
  }

  std::optional<workflow::LocalDate> from, until;
  if (!form.from.empty() && !(from = workflow::parseIsoDate(form.from))) {
    errors.push_back({"dari", "staf_archive_bad_date"});
  }
  if (!form.until.empty() && !(until = workflow::parseIsoDate(form.until))) {
    errors.push_back({"sampai", "staf_archive_bad_date"});
  }
  if (from && until && *until < *from) errors.push_back({"sampai", "staf_archive_range_reversed"});
  // Whole local days: [start of the first day, start of the day after the last).
  if (from) query.from = workflow::dayStart(*from, timezone);
  if (until) query.to = workflow::dayStart(workflow::nextDay(*until), timezone);

  if (form.dateField.empty() || form.dateField == "kegiatan") {
    query.dateField = sql::ArchiveQuery::DateField::Activity;
  } else if (form.dateField == "pengajuan") {
    query.dateField = sql::ArchiveQuery::DateField::Submitted;
  } else {
    errors.push_back({"tanggal", "staf_archive_unknown_date_field"});
  }

  query.limit = kPageSize;
  query.offset = (form.page - 1) * kPageSize;
  return errors;
}

std::string snippetHtml(std::string_view snippet) {
  std::string html;
  std::string plain;
  bool open = false;
  const auto flush = [&] {
    html += kainjow::mustache::html_escape<std::string>(plain);
    plain.clear();
  };
  for (const char c : snippet) {
    if (c == sql::kHighlightStart) {
      flush();
      if (!open) html += "<mark>";
      open = true;
    } else if (c == sql::kHighlightEnd) {
      flush();
      if (open) html += "</mark>";
      open = false;
    } else {
      plain += c;
    }
  }
  flush();
  if (open) html += "</mark>";
  return html;
}

}  // namespace jadwal::web::archive
