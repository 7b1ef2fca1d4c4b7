// The request form is described once (workflow/request_form_fields.h): the
// validation keeps to the table, and so does the page the requester fills in.
#define BOOST_TEST_MODULE request_form_fields
#include "workflow/request_form_fields.h"
#include "public_pages_fixture.h"
#include "web/public_form_view.h"
#include "workflow/request_validation.h"

namespace {

using workflow::FormField;
using workflow::FormFieldKind;

bool typed(const FormField& field) {
  return field.kind == FormFieldKind::Line || field.kind == FormFieldKind::Paragraph;
}

// The form's part for one field: from its <div id="bidang-NAME"> to the next field's.
std::string partOf(const std::string& page, const FormField& field) {
  const std::string start = "id=\"bidang-" + std::string(field.name) + "\"";
  const auto from = page.find(start);
  if (from == std::string::npos) return {};
  return page.substr(from, page.find("id=\"bidang-", from + start.size()) - from);
}

workflow::RequestForm validForm() {
  workflow::RequestForm form;
  form.requesterName = "Siti Aminah";
  form.institution = "SMA Negeri 1 Indralaya";
  form.whatsapp = "0812 3456 7890";
  form.subject = "Undangan peresmian";
  form.letterType = "undangan";
  form.eventName = "Peresmian Perpustakaan";
  form.date = "2099-03-14";
  form.startTime = "08:00";
  form.endTime = "10:00";
  form.venue = "Aula";
  form.leaderRole = "sambutan";
  form.leaders = {"bupati"};
  return form;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(request_form_fields, Fixture)

BOOST_AUTO_TEST_CASE(the_page_draws_every_field_of_the_table_as_the_table_says) {
  const std::string page = get("/permohonan").body;
  for (const auto& field : workflow::requestFormFields()) {
    const std::string name(field.name);
    const std::string part = partOf(page, field);
    BOOST_TEST_REQUIRE(!part.empty(), name);
    BOOST_TEST(contains(part, "name=\"" + name + "\""), name);
    BOOST_TEST(contains(part, tr("id", workflow::formLabelId(name))), name);
    if (field.kind != FormFieldKind::Flag) BOOST_TEST(contains(part, "class=\"wajib\"") == field.required, name);
    if (typed(field)) BOOST_TEST(contains(part, "maxlength=\"" + std::to_string(field.maxBytes) + "\""), name);
    for (auto choice : field.choices) {
      BOOST_TEST(contains(part, "value=\"" + std::string(choice) + "\""), name << " " << choice);
      BOOST_TEST(contains(part, tr("id", workflow::formChoiceLabelId(name, choice))), name << " " << choice);
    }
  }
}

BOOST_AUTO_TEST_CASE(the_validation_requires_and_bounds_what_the_table_says) {
  const workflow::SystemClock clock;
  const auto& config = context->requests.config();
  sql::RequestRow out;
  BOOST_TEST_REQUIRE(workflow::validateFormFields(validForm(), *store, clock, config, out).empty());
  for (const auto& field : workflow::requestFormFields()) {
    if (!field.text || !(typed(field) || field.kind == FormFieldKind::Choice)) continue;
    const std::string name(field.name);
    auto empty = validForm();
    empty.*field.text = "";
    auto errors = workflow::validateFormFields(empty, *store, clock, config, out);
    BOOST_TEST((errors.count(name) ? errors[name] : "") == (field.required ? "required" : ""), name);

    auto tooLong = validForm();
    tooLong.*field.text = std::string(field.maxBytes + 1, '7');
    errors = workflow::validateFormFields(tooLong, *store, clock, config, out);
    BOOST_TEST(errors[name] == "too_long", name);
    if (field.kind == FormFieldKind::Choice) {
      auto unknown = validForm();
      unknown.*field.text = "lain-lain";
      errors = workflow::validateFormFields(unknown, *store, clock, config, out);
      BOOST_TEST(errors[name] == "invalid_choice", name);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_posted_form_is_read_back_by_the_table) {
  FormData posted;
  for (const auto& field : workflow::requestFormFields())
    posted.fields.emplace(std::string(field.name),
                          field.kind == FormFieldKind::Flag ? "1" : "isi " + std::string(field.name));
  const auto form = requestFormFrom(posted, "en");
  BOOST_TEST(form.requesterName == "isi nama");
  BOOST_TEST(form.venue == "isi tempat");
  BOOST_TEST(form.otherInvitees == "isi undangan_lain");
  BOOST_TEST(form.untilDone);
  BOOST_TEST(form.representativeAccepted);
  BOOST_TEST(form.leaders == std::vector<std::string>{"isi pimpinan"});
  BOOST_TEST(form.language == "en");
  for (const auto& field : workflow::requestFormFields())
    if (field.text) BOOST_TEST((form.*field.text) == "isi " + std::string(field.name), field.name);
}

BOOST_AUTO_TEST_SUITE_END()
