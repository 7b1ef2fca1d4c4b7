#include "web/public_form_view.h"

#include <sodium.h>
#include <kainjow/mustache.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "web/public_csrf.h"
#include "workflow/request_form_fields.h"
#include "workflow/upload_check.h"
#include "workflow/wib_format.h"

namespace jadwal::web {
namespace {

namespace mustache = kainjow::mustache;

constexpr std::string_view kKeptSecret = "public-kept-files";
constexpr std::string_view kFormTokenSecret = "public-form-token";

using workflow::FormFieldKind;

// How a field of the form (workflow/request_form_fields.h, which says what
// is required and how long a value may be) is drawn: the HTML attributes that
// let a phone offer the right keyboard and say what is wrong before sending
// (the server checks again regardless).
struct Presentation {
  std::string_view inputType = "text";
  std::string_view autocomplete = {};
  std::string_view inputMode = {};
  std::string_view pattern = {};
  bool hasHint = false;  // a "form.<name>.hint" message under the label
};

Presentation presentationOf(const workflow::FormField& field) {
  static const std::map<std::string_view, Presentation> byName = {
      {"nama", {.autocomplete = "name"}},
      {"jabatan", {.autocomplete = "organization-title"}},
      {"instansi", {.autocomplete = "organization"}},
      {"whatsapp",
       {.inputType = "tel",
        .autocomplete = "tel",
        .inputMode = "tel",
        .pattern = "[+0-9 ().\\-]{8,}",
        .hasHint = true}},
      {"email", {.inputType = "email", .autocomplete = "email", .hasHint = true}},
      {"jam_mulai", {.hasHint = true}},
      {"jam_selesai", {.hasHint = true}},
      {"pakaian", {.hasHint = true}},
      {"narahubung", {.hasHint = true}},
      {"pimpinan", {.hasHint = true}},
      {"surat", {.hasHint = true}},
      {"pendukung", {.hasHint = true}},
  };
  Presentation shown;
  if (auto found = byName.find(field.name); found != byName.end()) shown = found->second;
  if (field.kind == FormFieldKind::Date) shown.inputType = "date";
  if (field.kind == FormFieldKind::Time) shown.inputType = "time";
  return shown;
}

std::string labelId(std::string_view field) { return workflow::formLabelId(field); }

struct UploadLimits {
  std::size_t perFile = 0, total = 0;
};

std::string keptMessage(const workflow::KeptFile& file) {
  return file.field + "\n" + file.name + "\n" + file.contentType + "\n" + file.sha256;
}

// "10 MB", "2.5 MB"
std::string megabytes(std::size_t bytes) {
  const std::size_t tenths = (bytes * 10 + 1048575) / 1048576;
  return std::to_string(tenths / 10) + (tenths % 10 ? "." + std::to_string(tenths % 10) : "") + " MB";
}

// A size error names the limit it broke.
std::string errorText(const std::string& id, const UploadLimits& limits, const std::string& language) {
  std::string text = tr(language, id);
  if (id == "file_too_large") text += " " + tr(language, "form.max_size") + " " + megabytes(limits.perFile) + ".";
  if (id == "files_total_too_large") text += " " + tr(language, "form.max_total") + " " + megabytes(limits.total) + ".";
  return text;
}

TemplateData fieldData(const workflow::FormField& spec, const PublicFormState& state,
                       const std::vector<sql::User>& leaders, const std::string& language, const std::string& today,
                       const UploadLimits& limits) {
  TemplateData field;
  const std::string name(spec.name);
  const Presentation shown = presentationOf(spec);
  field.set("name", name);
  field.set("label", tr(language, labelId(name)));
  if (shown.hasHint) {
    std::string hint = tr(language, labelId(name) + ".hint");
    if (spec.kind == FormFieldKind::File)
      hint += " " + tr(language, "form.max_size") + " " + megabytes(limits.perFile) + ".";
    field.set("hint", hint);
  }
  field.set("required", spec.required);
  const bool kept = std::any_of(state.kept.begin(), state.kept.end(), [&](const auto& f) { return f.field == name; });
  if (auto error = state.errors.find(name); error != state.errors.end()) {
    field.set("error", errorText(error->second, limits, language));
  }
  // The hint and the error, read out with the field by screen readers.
  std::string describedBy = shown.hasHint ? "petunjuk-" + name : "";
  if (state.errors.count(name)) describedBy += (describedBy.empty() ? "" : " ") + ("galat-" + name);
  if (!describedBy.empty()) field.set("describedby", describedBy);
  const std::string value = state.values.value(name);
  switch (spec.kind) {
    case FormFieldKind::Line:
    case FormFieldKind::Date:
    case FormFieldKind::Time:
    case FormFieldKind::Paragraph:
      field.set(spec.kind == FormFieldKind::Paragraph ? "is_textarea" : "is_text", true);
      field.set("type", std::string(shown.inputType));
      field.set("value", value);
      // A date or time input has a format of its own: no length to show.
      if (spec.kind == FormFieldKind::Line || spec.kind == FormFieldKind::Paragraph)
        field.set("maxlength", std::to_string(spec.maxBytes));
      if (!shown.autocomplete.empty()) field.set("autocomplete", std::string(shown.autocomplete));
      if (!shown.inputMode.empty()) field.set("inputmode", std::string(shown.inputMode));
      if (!shown.pattern.empty()) field.set("pattern", std::string(shown.pattern));
      if (name == "tanggal") field.set("min", today);
      break;
    case FormFieldKind::Choice: {
      field.set("is_radio", true);
      TemplateData options(TemplateData::type::list);
      for (auto option : spec.choices) {
        TemplateData item;
        item.set("value", std::string(option));
        item.set("option_label", tr(language, workflow::formChoiceLabelId(name, option)));
        item.set("option_id", name + "-" + std::string(option));
        item.set("checked", value == option);
        options.push_back(item);
      }
      field.set("options", options);
      break;
    }
    case FormFieldKind::Leaders: {
      field.set("is_checkboxes", true);
      const auto chosen = state.values.values(name);
      TemplateData options(TemplateData::type::list);
      for (const auto& leader : leaders) {
        TemplateData item;
        item.set("value", leader.name);
        item.set("option_label", leader.displayName.empty() ? leader.name : leader.displayName);
        item.set("option_id", name + "-" + leader.name);
        item.set("checked", std::find(chosen.begin(), chosen.end(), leader.name) != chosen.end());
        options.push_back(item);
      }
      field.set("options", options);
      if (leaders.empty()) field.set("no_options", tr(language, "form.pimpinan.none"));
      break;
    }
    case FormFieldKind::Flag:
      field.set("is_checkbox", true);
      field.set("checked", value == "1");
      break;
    case FormFieldKind::File: {
      field.set("is_file", true);
      field.set("multiple", name == "pendukung");
      field.set("accept",
                name == "surat" ? "application/pdf,.pdf" : "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png");
      // A letter already accepted need not be chosen again.
      field.set("required", spec.required && !kept);
      TemplateData files(TemplateData::type::list);
      for (const auto& file : state.kept) {
        if (file.field != name) continue;
        TemplateData item;
        item.set("file_name", workflow::withoutBidiControls(file.name));
        files.push_back(item);
      }
      if (kept) {
        field.set("kept_files", files);
        field.set("kept_note", tr(language, name == "surat" ? "form.surat.kept" : "form.pendukung.kept"));
      }
      break;
    }
  }
  return field;
}

}  // namespace

TemplateData publicFormData(WebContext& context, const PublicFormState& state, const std::string& csrfToken,
                            const std::string& language, sql::Instant now) {
  std::vector<sql::User> leaders;
  for (auto& user : context.store.listUsers()) {
    if (user.role == sql::Role::Leader && !user.disabled) leaders.push_back(std::move(user));
  }
  // In the order the office registered them: Bupati first, as on paper.
  std::sort(leaders.begin(), leaders.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  const std::string today = workflow::isoDate(now, context.requests.config().timezone);

  const auto& config = context.requests.config();
  const UploadLimits limits{config.maxFileBytes, config.maxUploadTotalBytes};
  TemplateData data;
  data.set("csrf", csrfToken);
  data.set("token_kirim", newFormToken(context.store.sessions(), csrfToken));
  data.set("office_name", config.officeName);
  // The limits as the form states them, and for permohonan.js to check
  // sizes before anything is sent.
  data.set("limit_per_file", megabytes(limits.perFile));
  data.set("limit_total", megabytes(limits.total));
  data.set("max_file_bytes", std::to_string(limits.perFile));
  data.set("max_total_bytes", std::to_string(limits.total));
  if (!state.problem.empty()) data.set("problem", tr(language, state.problem));
  TemplateData fieldsets(TemplateData::type::list);
  TemplateData summary(TemplateData::type::list);
  std::set<std::string> shown;
  // The fields in their order, a fieldset for each run of one section.
  TemplateData set;
  TemplateData fields(TemplateData::type::list);
  std::string_view section;
  auto closeSection = [&] {
    if (section.empty()) return;
    set.set("fields", fields);
    fieldsets.push_back(set);
  };
  for (const auto& spec : workflow::requestFormFields()) {
    if (spec.section != section) {
      closeSection();
      section = spec.section;
      set = TemplateData();
      set.set("id", "kelompok-" + std::string(section));
      set.set("legend", tr(language, "form.section." + std::string(section)));
      fields = TemplateData(TemplateData::type::list);
    }
    fields.push_back(fieldData(spec, state, leaders, language, today, limits));
    const std::string name(spec.name);
    shown.insert(name);
    if (auto error = state.errors.find(name); error != state.errors.end()) {
      TemplateData item;
      item.set("field", name);
      item.set("label", tr(language, labelId(name)));
      item.set("message", errorText(error->second, limits, language));
      summary.push_back(item);
    }
  }
  closeSection();
  // Errors of fields the form does not show still reach the summary.
  for (const auto& [name, message] : state.errors) {
    if (shown.count(name)) continue;
    TemplateData item;
    item.set("field", "ringkasan-galat");
    item.set("label", name);
    item.set("message", tr(language, message));
    summary.push_back(item);
  }
  data.set("fieldsets", fieldsets);
  data.set("errors", summary);
  data.set("has_errors", !state.errors.empty());

  TemplateData kept(TemplateData::type::list);
  for (const auto& file : state.kept) {
    TemplateData item;
    item.set("field", file.field);
    item.set("name", file.name);
    item.set("type", file.contentType);
    item.set("sha256", file.sha256);
    item.set("signature", keptFileSignature(file, context.store.sessions()));
    kept.push_back(item);
  }
  data.set("kept", kept);
  return data;
}

workflow::RequestForm requestFormFrom(const FormData& form, const std::string& language) {
  workflow::RequestForm request;
  for (const auto& field : workflow::requestFormFields()) {
    const std::string name(field.name);
    if (field.text) request.*field.text = form.value(name);
    if (field.flag) request.*field.flag = form.value(name) == "1";
    if (field.kind == FormFieldKind::Leaders) request.leaders = form.values(name);
  }
  request.language = language;
  return request;
}

std::vector<workflow::UploadedFile> uploadsFrom(const FormData& form) {
  std::vector<workflow::UploadedFile> uploads;
  for (const auto& file : form.files) {
    if (file.field != "surat" && file.field != "pendukung") continue;
    uploads.push_back({file.field, file.fileName, file.bytes});
  }
  return uploads;
}

std::string newFormToken(sql::SessionStore& sessions, const std::string& csrfToken) {
  std::array<unsigned char, 16> nonce{};
  randombytes_buf(nonce.data(), nonce.size());
  std::string hex(nonce.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), nonce.data(), nonce.size());
  hex.pop_back();
  return hex + "." + hmacSha256Hex(sessions.secret(kFormTokenSecret), csrfToken + "\n" + hex);
}

std::string formTokenFrom(const FormData& form, sql::SessionStore& sessions) {
  const std::string token = form.value("token_kirim");
  const std::size_t dot = token.find('.');
  if (token.size() > 200 || dot != 32) return {};
  const std::string nonce = token.substr(0, dot);
  const std::string expected = hmacSha256Hex(sessions.secret(kFormTokenSecret), form.value("csrf") + "\n" + nonce);
  return constantTimeEquals(token.substr(dot + 1), expected) ? token : std::string();
}

std::string keptFileSignature(const workflow::KeptFile& file, sql::SessionStore& sessions) {
  return hmacSha256Hex(sessions.secret(kKeptSecret), keptMessage(file));
}

std::vector<workflow::KeptFile> keptFilesFrom(const FormData& form, sql::SessionStore& sessions) {
  const auto fields = form.values("simpan_jenis");
  const auto names = form.values("simpan_nama");
  const auto types = form.values("simpan_tipe");
  const auto hashes = form.values("simpan_sha256");
  const auto signatures = form.values("simpan_tanda");
  std::vector<workflow::KeptFile> kept;
  const std::size_t count = std::min({fields.size(), names.size(), types.size(), hashes.size(), signatures.size()});
  for (std::size_t i = 0; i < count && i < 20; ++i) {
    workflow::KeptFile file{fields[i], names[i], types[i], hashes[i]};
    if (constantTimeEquals(signatures[i], keptFileSignature(file, sessions))) kept.push_back(std::move(file));
  }
  return kept;
}

}  // namespace jadwal::web
