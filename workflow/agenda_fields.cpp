// Reading the description convention and an event's publication choice
// into an agenda entry.

#include "workflow/agenda_fields.h"

#include <array>
#include <cctype>
#include <utility>

namespace jadwal::workflow {

namespace {

bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && isBlank(text.front())) text.remove_prefix(1);
  while (!text.empty() && isBlank(text.back())) text.remove_suffix(1);
  return text;
}

// Lower case (ASCII), blanks collapsed to one space, trimmed.
std::string normalised(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : trimmed(text)) {
    if (isBlank(c)) {
      space = true;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

enum class Field { None, DressCode, Role, RepresentedBy, Contact, Published };

Field fieldOfLabel(std::string_view rawLabel) {
  std::string label = normalised(rawLabel);
  if (!label.empty() && label.back() == '.') label.pop_back();
  while (!label.empty() && label.back() == ' ') label.pop_back();
  static const std::array<std::pair<std::string_view, Field>, 11> kLabels = {{
      {"pakaian", Field::DressCode},
      {"ket", Field::Role},
      {"keterangan", Field::Role},
      {"peran", Field::Role},
      {"peran pimpinan", Field::Role},
      {"diwakili oleh", Field::RepresentedBy},
      {"diwakili", Field::RepresentedBy},
      {"narahubung", Field::Contact},
      {"kontak", Field::Contact},
      {"cp", Field::Contact},
      {"publik", Field::Published},
  }};
  for (const auto& [name, field] : kLabels) {
    if (label == name) return field;
  }
  return Field::None;
}

bool isOpenEndLine(std::string_view line) {
  const std::string text = normalised(line);
  return text == "s.d. selesai" || text == "s/d selesai" || text == "sd selesai";
}

std::optional<bool> yesOrNo(std::string_view value) {
  const std::string text = normalised(value);
  if (text == "ya" || text == "yes") return true;
  if (text == "tidak" || text == "no") return false;
  return std::nullopt;
}

void setOnce(std::string& field, std::string_view value) {
  if (field.empty()) field = std::string(value);
}

std::string withoutRepresentedMark(std::string summary) {
  static constexpr std::string_view kMark = " (diwakili)";
  if (summary.size() < kMark.size()) return summary;
  if (normalised(std::string_view(summary).substr(summary.size() - kMark.size())) == trimmed(kMark)) {
    summary.resize(summary.size() - kMark.size());
  }
  return std::string(trimmed(summary));
}

// Only web links: a "javascript:" or "data:" link typed in a calendar
// client must never become something a page lets people tap.
bool isWebLink(std::string_view link) {
  const auto colon = link.find(':');
  if (colon == std::string_view::npos) return false;
  const std::string scheme = normalised(link.substr(0, colon));
  return (scheme == "https" || scheme == "http") && link.substr(colon).starts_with("://") &&
         link.find_first_of(" \t\r\n\"<>") == std::string_view::npos;
}

std::string linkOf(const caldav::ComponentRef& source) {
  for (const std::string& uri : source.attachmentUris()) {
    if (isWebLink(uri)) return uri;
  }
  const std::string url = source.url();
  return isWebLink(url) ? url : std::string();
}

}  // namespace

DescriptionFields readDescriptionFields(std::string_view description) {
  DescriptionFields fields;
  while (!description.empty()) {
    const std::size_t end = description.find('\n');
    const std::string_view line = description.substr(0, end);
    description = end == std::string_view::npos ? std::string_view() : description.substr(end + 1);

    if (isOpenEndLine(line)) {
      fields.openEnd = true;
      continue;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view value = trimmed(line.substr(colon + 1));
    if (value.empty()) continue;
    switch (fieldOfLabel(line.substr(0, colon))) {
      case Field::DressCode:
        setOnce(fields.dressCode, value);
        break;
      case Field::Role:
        setOnce(fields.role, value);
        break;
      case Field::RepresentedBy:
        setOnce(fields.representedBy, value);
        break;
      case Field::Contact:
        setOnce(fields.contact, value);
        break;
      case Field::Published:
        if (!fields.published) fields.published = yesOrNo(value);
        break;
      case Field::None:
        break;
    }
  }
  return fields;
}

std::string agendaLine(std::string_view text) {
  text = trimmed(text);
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r' && text[i] != '\n') {
      out += text[i];
      continue;
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
    while (i + 1 < text.size() && isBlank(text[i + 1])) ++i;
    out += ' ';
  }
  return out;
}

bool entryPublished(std::string_view classification, std::string_view status, std::optional<bool> publicLine,
                    bool calendarDefault) {
  if (classification == "PRIVATE" || classification == "CONFIDENTIAL") return false;
  if (status == "TENTATIVE" || status == "CANCELLED") return false;
  if (publicLine) return *publicLine;
  if (classification == "PUBLIC") return true;
  return calendarDefault;
}

AgendaEntry entryOf(const caldav::Instance& instance, bool calendarPublishedByDefault) {
  const caldav::ComponentRef source = instance.source;
  const DescriptionFields fields = readDescriptionFields(source.description());
  const std::string classification = source.classification();
  const std::string status = source.status();

  AgendaEntry entry;
  entry.uid = source.uid();
  entry.start = instance.start;
  entry.end = instance.end;
  entry.allDay = source.startIsDate();
  // A date-time start with neither DTEND nor DURATION lasts no time
  // (RFC 5545 section 3.6.1): the office writes that as an open end.
  entry.openEnd = !entry.allDay && (fields.openEnd || !source.hasEndOrDuration());
  entry.tentative = status == "TENTATIVE";
  entry.confidential = classification == "PRIVATE" || classification == "CONFIDENTIAL";
  entry.published = entryPublished(classification, status, fields.published, calendarPublishedByDefault);
  if (entry.confidential) return entry;

  entry.dressCode = fields.dressCode;
  entry.role = fields.role;
  entry.representedBy = fields.representedBy;
  entry.contact = fields.contact;
  entry.place = agendaLine(source.location());
  entry.activity = agendaLine(source.summary());
  entry.link = linkOf(source);
  if (!entry.representedBy.empty()) entry.activity = withoutRepresentedMark(std::move(entry.activity));
  return entry;
}

}  // namespace jadwal::workflow
