#include "workflow/request_form_fields.h"

#include <stdexcept>

#include "workflow/request_validation.h"

namespace jadwal::workflow {

namespace {

using Kind = FormFieldKind;

const std::vector<FormField>& table() {
  // Dates are ten bytes; one more lets "too long" be told apart from a bad date.
  constexpr std::size_t kDate = 10 + 1;
  constexpr std::size_t kChoice = 32;
  static const std::vector<FormField> fields = {
      {"nama", "pemohon", Kind::Line, true, limits::kShortText, {}, &RequestForm::requesterName},
      {"jabatan", "pemohon", Kind::Line, false, limits::kShortText, {}, &RequestForm::requesterPosition},
      {"instansi", "pemohon", Kind::Line, true, limits::kShortText, {}, &RequestForm::institution},
      {"whatsapp", "pemohon", Kind::Line, true, limits::kPhone, {}, &RequestForm::whatsapp},
      {"email", "pemohon", Kind::Line, false, limits::kEmail, {}, &RequestForm::email},

      {"nomor_surat", "surat", Kind::Line, false, limits::kShortText, {}, &RequestForm::letterNumber},
      {"tanggal_surat", "surat", Kind::Date, false, kDate, {}, &RequestForm::letterDate},
      {"perihal", "surat", Kind::Line, true, limits::kLongText, {}, &RequestForm::subject},
      {"jenis_surat",
       "surat",
       Kind::Choice,
       false,
       kChoice,
       {"undangan", "audiensi", "kunjungan", "lainnya"},
       &RequestForm::letterType},

      {"nama_kegiatan", "kegiatan", Kind::Line, true, limits::kLongText, {}, &RequestForm::eventName},
      {"tanggal", "kegiatan", Kind::Date, true, kDate, {}, &RequestForm::date},
      {"jam_mulai", "kegiatan", Kind::Time, true, 0, {}, &RequestForm::startTime},
      // Required unless "sampai_selesai" is set: request_validation.cpp.
      {"jam_selesai", "kegiatan", Kind::Time, false, 0, {}, &RequestForm::endTime},
      {"sampai_selesai", "kegiatan", Kind::Flag, false, 0, {}, nullptr, &RequestForm::untilDone},
      {"tempat", "kegiatan", Kind::Line, true, limits::kVenue, {}, &RequestForm::venue},
      {"alamat", "kegiatan", Kind::Paragraph, false, limits::kParagraph, {}, &RequestForm::address},
      {"pakaian", "kegiatan", Kind::Line, false, limits::kShortText, {}, &RequestForm::dressCode},
      {"peran",
       "kegiatan",
       Kind::Choice,
       true,
       kChoice,
       {"menghadiri", "sambutan", "membuka", "pengarahan", "narasumber"},
       &RequestForm::leaderRole},
      {"undangan_lain", "kegiatan", Kind::Paragraph, false, limits::kParagraph, {}, &RequestForm::otherInvitees},
      {"narahubung", "kegiatan", Kind::Line, false, limits::kShortText, {}, &RequestForm::contactPerson},

      {"pimpinan", "pimpinan", Kind::Leaders, true},
      {"boleh_diwakilkan", "pimpinan", Kind::Flag, false, 0, {}, nullptr, &RequestForm::representativeAccepted},

      {"surat", "berkas", Kind::File, true},
      {"pendukung", "berkas", Kind::File, false},
  };
  return fields;
}

}  // namespace

std::span<const FormField> requestFormFields() { return table(); }

const FormField& requestFormField(std::string_view name) {
  for (const auto& field : table())
    if (field.name == name) return field;
  throw std::out_of_range("the request form has no field " + std::string(name));
}

std::string formLabelId(std::string_view field) { return "form." + std::string(field); }

std::string formChoiceLabelId(std::string_view field, std::string_view choice) {
  return formLabelId(field) + "." + std::string(choice);
}

}  // namespace jadwal::workflow
