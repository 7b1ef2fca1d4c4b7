#include "web/public_form_view.h"

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <set>

#include "web/public_csrf.h"
#include "workflow/request_validation.h"
#include "workflow/upload_check.h"
#include "workflow/wib_format.h"

namespace jadwal::web {
namespace {

namespace mustache = kainjow::mustache;
namespace limits = workflow::limits;

constexpr std::string_view kKeptSecret = "public-kept-files";

enum class Kind { Text, TextArea, Radio, Checkboxes, Checkbox, File };

// One field of the form, in the order shown. Labels and hints are message
// ids; the HTML attributes mirror the server's rules so that a phone can
// say what is wrong before sending (the server checks again regardless).
struct FieldSpec {
  std::string_view name;
  Kind kind = Kind::Text;
  std::string_view inputType = "text";
  bool required = false;
  std::size_t maxLength = 0;  // from workflow::limits, never a number of its own
  std::string_view autocomplete = {};
  std::string_view inputMode = {};
  std::string_view pattern = {};
  bool hasHint = false;
  std::vector<std::string_view> options = {};  // radio values; option labels are "<name>.<value>"
};

struct FieldsetSpec {
  std::string_view id;
  std::vector<FieldSpec> fields;
};

const std::vector<FieldsetSpec>& formLayout() {
  static const std::vector<FieldsetSpec> layout = {
      {"pemohon",
       {
           {.name = "nama", .required = true, .maxLength = limits::kShortText, .autocomplete = "name"},
           {.name = "jabatan", .maxLength = limits::kShortText, .autocomplete = "organization-title"},
           {.name = "instansi", .required = true, .maxLength = limits::kShortText, .autocomplete = "organization"},
           {.name = "whatsapp",
            .inputType = "tel",
            .required = true,
            .maxLength = limits::kPhone,
            .autocomplete = "tel",
            .inputMode = "tel",
            .pattern = "[+0-9 ().\\-]{8,}",
            .hasHint = true},
           {.name = "email",
            .inputType = "email",
            .maxLength = limits::kEmail,
            .autocomplete = "email",
            .hasHint = true},
       }},
      {"surat",
       {
           {.name = "nomor_surat", .maxLength = limits::kShortText},
           {.name = "tanggal_surat", .inputType = "date"},
           {.name = "perihal", .required = true, .maxLength = limits::kLongText},
           {.name = "jenis_surat", .kind = Kind::Radio, .options = {"undangan", "audiensi", "kunjungan", "lainnya"}},
       }},
      {"kegiatan",
       {
           {.name = "nama_kegiatan", .required = true, .maxLength = limits::kLongText},
           {.name = "tanggal", .inputType = "date", .required = true},
           {.name = "jam_mulai", .inputType = "time", .required = true, .hasHint = true},
           {.name = "jam_selesai", .inputType = "time", .hasHint = true},
           {.name = "sampai_selesai", .kind = Kind::Checkbox},
           {.name = "tempat", .required = true, .maxLength = limits::kVenue},
           {.name = "alamat", .kind = Kind::TextArea, .maxLength = limits::kParagraph},
           {.name = "pakaian", .maxLength = limits::kShortText, .hasHint = true},
           {.name = "peran",
            .kind = Kind::Radio,
            .required = true,
            .options = {"menghadiri", "sambutan", "membuka", "pengarahan"}},
           {.name = "undangan_lain", .kind = Kind::TextArea, .maxLength = limits::kParagraph},
           {.name = "narahubung", .maxLength = limits::kShortText, .hasHint = true},
       }},
      {"pimpinan",
       {
           {.name = "pimpinan", .kind = Kind::Checkboxes, .required = true, .hasHint = true},
           {.name = "boleh_diwakilkan", .kind = Kind::Checkbox},
       }},
      {"berkas",
       {
           {.name = "surat", .kind = Kind::File, .required = true, .hasHint = true},
           {.name = "pendukung", .kind = Kind::File, .hasHint = true},
       }},
  };
  return layout;
}

std::string labelId(std::string_view field) { return "form." + std::string(field); }

std::string keptMessage(const workflow::KeptFile& file) {
  return file.field + "\n" + file.name + "\n" + file.contentType + "\n" + file.sha256;
}

// "10 MB", "2.5 MB"
std::string megabytes(std::size_t bytes) {
  const std::size_t tenths = (bytes * 10 + 1048575) / 1048576;
  return std::to_string(tenths / 10) + (tenths % 10 ? "." + std::to_string(tenths % 10) : "") + " MB";
}

TemplateData fieldData(const FieldSpec& spec, const PublicFormState& state, const std::vector<sql::User>& leaders,
                       const std::string& language, const std::string& today, std::size_t maxFileBytes) {
  TemplateData field;
  const std::string name(spec.name);
  field.set("name", name);
  field.set("label", tr(language, labelId(name)));
  if (spec.hasHint) {
    std::string hint = tr(language, labelId(name) + ".hint");
    if (spec.kind == Kind::File) hint += " " + tr(language, "form.max_size") + " " + megabytes(maxFileBytes) + ".";
    field.set("hint", hint);
  }
  field.set("required", spec.required);
  const bool kept = std::any_of(state.kept.begin(), state.kept.end(), [&](const auto& f) { return f.field == name; });
  if (auto error = state.errors.find(name); error != state.errors.end()) {
    field.set("error", tr(language, error->second));
  }
  // The hint and the error, read out with the field by screen readers.
  std::string describedBy = spec.hasHint ? "petunjuk-" + name : "";
  if (state.errors.count(name)) describedBy += (describedBy.empty() ? "" : " ") + ("galat-" + name);
  if (!describedBy.empty()) field.set("describedby", describedBy);
  const std::string value = state.values.value(name);
  switch (spec.kind) {
    case Kind::Text:
    case Kind::TextArea:
      field.set(spec.kind == Kind::Text ? "is_text" : "is_textarea", true);
      field.set("type", std::string(spec.inputType));
      field.set("value", value);
      if (spec.maxLength) field.set("maxlength", std::to_string(spec.maxLength));
      if (!spec.autocomplete.empty()) field.set("autocomplete", std::string(spec.autocomplete));
      if (!spec.inputMode.empty()) field.set("inputmode", std::string(spec.inputMode));
      if (!spec.pattern.empty()) field.set("pattern", std::string(spec.pattern));
      if (name == "tanggal") field.set("min", today);
      break;
    case Kind::Radio: {
      field.set("is_radio", true);
      TemplateData options(TemplateData::type::list);
      for (auto option : spec.options) {
        TemplateData item;
        item.set("value", std::string(option));
        item.set("option_label", tr(language, labelId(name) + "." + std::string(option)));
        item.set("option_id", name + "-" + std::string(option));
        item.set("checked", value == option);
        options.push_back(item);
      }
      field.set("options", options);
      break;
    }
    case Kind::Checkboxes: {
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
    case Kind::Checkbox:
      field.set("is_checkbox", true);
      field.set("checked", value == "1");
      break;
    case Kind::File: {
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
    if (user.role == sql::Role::Pimpinan && !user.disabled) leaders.push_back(std::move(user));
  }
  // In the order the office registered them: Bupati first, as on paper.
  std::sort(leaders.begin(), leaders.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  const std::string today = workflow::isoDate(now, context.requests.config().timezone);

  TemplateData data;
  data.set("csrf", csrfToken);
  data.set("office_name", context.requests.config().officeName);
  TemplateData fieldsets(TemplateData::type::list);
  TemplateData summary(TemplateData::type::list);
  std::set<std::string> shown;
  for (const auto& fieldset : formLayout()) {
    TemplateData set;
    set.set("id", "kelompok-" + std::string(fieldset.id));
    set.set("legend", tr(language, "form.section." + std::string(fieldset.id)));
    TemplateData fields(TemplateData::type::list);
    for (const auto& spec : fieldset.fields) {
      fields.push_back(fieldData(spec, state, leaders, language, today, context.requests.config().maxFileBytes));
      const std::string name(spec.name);
      shown.insert(name);
      if (auto error = state.errors.find(name); error != state.errors.end()) {
        TemplateData item;
        item.set("field", name);
        item.set("label", tr(language, labelId(name)));
        item.set("message", tr(language, error->second));
        summary.push_back(item);
      }
    }
    set.set("fields", fields);
    fieldsets.push_back(set);
  }
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
  request.requesterName = form.value("nama");
  request.requesterPosition = form.value("jabatan");
  request.institution = form.value("instansi");
  request.whatsapp = form.value("whatsapp");
  request.email = form.value("email");
  request.letterNumber = form.value("nomor_surat");
  request.letterDate = form.value("tanggal_surat");
  request.subject = form.value("perihal");
  request.letterType = form.value("jenis_surat");
  request.eventName = form.value("nama_kegiatan");
  request.date = form.value("tanggal");
  request.startTime = form.value("jam_mulai");
  request.endTime = form.value("jam_selesai");
  request.untilDone = form.value("sampai_selesai") == "1";
  request.venue = form.value("tempat");
  request.address = form.value("alamat");
  request.dressCode = form.value("pakaian");
  request.leaderRole = form.value("peran");
  request.otherInvitees = form.value("undangan_lain");
  request.contactPerson = form.value("narahubung");
  request.leaders = form.values("pimpinan");
  request.representativeAccepted = form.value("boleh_diwakilkan") == "1";
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
