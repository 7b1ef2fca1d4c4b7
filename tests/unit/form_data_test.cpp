// Form bodies as browsers send them: urlencoded and multipart, and the
// malformed or oversized bodies a hostile client may send instead.
#define BOOST_TEST_MODULE form_data
#include <boost/test/unit_test.hpp>

#include <string>

#include "web/web.h"

using namespace jadwal::web;

namespace {

WebRequest post(const std::string& contentType, const std::string& body) {
  WebRequest request;
  request.method = "POST";
  request.path = "/permohonan";
  request.headers.emplace("Content-Type", contentType);
  request.body = body;
  return request;
}

const std::string kBoundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

std::string part(const std::string& disposition, const std::string& content, const std::string& type = "") {
  std::string text = "--" + kBoundary + "\r\nContent-Disposition: " + disposition + "\r\n";
  if (!type.empty()) text += "Content-Type: " + type + "\r\n";
  return text + "\r\n" + content + "\r\n";
}

std::string closing() { return "--" + kBoundary + "--\r\n"; }

std::string multipartType() { return "multipart/form-data; boundary=" + kBoundary; }

}  // namespace

BOOST_AUTO_TEST_CASE(urlencoded_fields_are_decoded_and_repeat) {
  FormData form;
  auto error = parseForm(post("application/x-www-form-urlencoded",
                              "nama=Budi+Santoso&instansi=Dinas%20Pendidikan&pimpinan=bupati&pimpinan=wabup&kosong="
                              "&tanpa_nilai&perihal=a%2Bb%26c%3Dd"),
                         form, 1000);
  BOOST_TEST((error == FormError::None));
  BOOST_TEST(form.value("nama") == "Budi Santoso");
  BOOST_TEST(form.value("instansi") == "Dinas Pendidikan");
  BOOST_TEST(form.value("perihal") == "a+b&c=d");
  BOOST_TEST(form.values("pimpinan") == (std::vector<std::string>{"bupati", "wabup"}));
  BOOST_TEST(form.value("kosong").empty());
  BOOST_TEST(form.fields.count("tanpa_nilai") == 1u);
  BOOST_TEST(form.value("absent").empty());
  BOOST_TEST(form.values("absent").empty());
  BOOST_TEST(form.files.empty());
}

BOOST_AUTO_TEST_CASE(urlencoded_content_type_parameters_and_case_are_accepted) {
  FormData form;
  BOOST_TEST(
      (parseForm(post("Application/X-WWW-Form-Urlencoded; charset=UTF-8", "a=%C3%A9"), form, 10) == FormError::None));
  BOOST_TEST(form.value("a") == "\xC3\xA9");
}

BOOST_AUTO_TEST_CASE(bad_percent_escapes_are_malformed) {
  for (const std::string body : {"a=%", "a=%4", "a=%zz", "%G1=x"}) {
    FormData form;
    BOOST_TEST((parseForm(post("application/x-www-form-urlencoded", body), form, 10) == FormError::Malformed), body);
    BOOST_TEST(form.fields.empty());
  }
}

BOOST_AUTO_TEST_CASE(other_content_types_are_not_forms) {
  FormData form;
  BOOST_TEST((parseForm(post("application/json", "{}"), form, 10) == FormError::NotAForm));
  BOOST_TEST((parseForm(post("", "a=b"), form, 10) == FormError::NotAForm));
}

BOOST_AUTO_TEST_CASE(multipart_fields_and_files_are_read_byte_exact) {
  const std::string pdf = std::string("%PDF-1.4\r\n\0binary\r\n--not-the-boundary\r\n%%EOF", 44);
  const std::string body =
      "preamble to ignore\r\n" + part("form-data; name=\"nama\"", "Siti Aminah") +
      part("form-data; name=\"alamat\"", "Jl. Merdeka 1\r\nIndralaya") +
      part("form-data; name=\"surat\"; filename=\"Surat Undangan \\\"HUT\\\".pdf\"", pdf, "application/pdf") +
      part("form-data; name=\"pendukung\"; filename=\"a.png\"", "PNGDATA", "image/png") +
      part("form-data; name=\"pendukung\"; filename=\"b.jpg\"", "JPGDATA", "image/jpeg") +
      part("form-data; name=\"pimpinan\"", "bupati") + part("form-data; name=\"pimpinan\"", "sekda") + closing();
  FormData form;
  BOOST_TEST((parseForm(post(multipartType(), body), form, 1000) == FormError::None));
  BOOST_TEST(form.value("nama") == "Siti Aminah");
  BOOST_TEST(form.value("alamat") == "Jl. Merdeka 1\r\nIndralaya");
  BOOST_TEST(form.values("pimpinan") == (std::vector<std::string>{"bupati", "sekda"}));
  BOOST_REQUIRE(form.files.size() == 3u);
  BOOST_TEST(form.files[0].field == "surat");
  BOOST_TEST(form.files[0].fileName == "Surat Undangan \"HUT\".pdf");
  BOOST_TEST(form.files[0].bytes == pdf);
  BOOST_TEST(form.files[1].field == "pendukung");
  BOOST_TEST(form.files[1].bytes == "PNGDATA");
  BOOST_TEST(form.files[2].fileName == "b.jpg");
}

BOOST_AUTO_TEST_CASE(multipart_boundary_may_be_quoted) {
  const std::string body = part("form-data; name=\"a\"", "1") + closing();
  FormData form;
  BOOST_TEST(
      (parseForm(post("multipart/form-data; boundary=\"" + kBoundary + "\"", body), form, 10) == FormError::None));
  BOOST_TEST(form.value("a") == "1");
}

BOOST_AUTO_TEST_CASE(an_empty_file_input_sends_nothing) {
  const std::string body = part("form-data; name=\"pendukung\"; filename=\"\"", "", "application/octet-stream") +
                           part("form-data; name=\"nama\"", "x") + closing();
  FormData form;
  BOOST_TEST((parseForm(post(multipartType(), body), form, 10) == FormError::None));
  BOOST_TEST(form.files.empty());
  BOOST_TEST(form.value("nama") == "x");
}

BOOST_AUTO_TEST_CASE(a_file_over_the_limit_is_too_large) {
  const std::string body = part("form-data; name=\"surat\"; filename=\"big.pdf\"", std::string(101, 'x')) + closing();
  FormData form;
  BOOST_TEST((parseForm(post(multipartType(), body), form, 100) == FormError::TooLarge));
  BOOST_TEST(form.files.empty());
  BOOST_TEST((parseForm(post(multipartType(), body), form, 101) == FormError::None));
  BOOST_TEST(form.files.size() == 1u);
}

BOOST_AUTO_TEST_CASE(broken_multipart_bodies_are_malformed) {
  const std::string good = part("form-data; name=\"a\"", "1");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"no boundary parameter", ""},
      {"no closing delimiter", good},
      {"no delimiter at all", "just text"},
      {"a part that is not form-data", part("attachment; name=\"a\"", "1") + closing()},
      {"a part without a name", part("form-data; filename=\"x.pdf\"", "1") + closing()},
      {"a part without headers end", "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"a\""},
      {"garbage after a delimiter", "--" + kBoundary + "xyz\r\n\r\n1\r\n" + closing()},
  };
  for (const auto& [what, body] : cases) {
    FormData form;
    const std::string type = what == "no boundary parameter" ? "multipart/form-data" : multipartType();
    BOOST_TEST((parseForm(post(type, body.empty() ? good + closing() : body), form, 100) == FormError::Malformed),
               what);
    BOOST_TEST(form.fields.empty(), what);
  }
}

BOOST_AUTO_TEST_CASE(too_many_parts_are_refused) {
  std::string body;
  for (int i = 0; i < 1001; ++i) body += part("form-data; name=\"f\"", "x");
  body += closing();
  FormData form;
  BOOST_TEST((parseForm(post(multipartType(), body), form, 100) == FormError::Malformed));
  std::string fields;
  for (int i = 0; i < 1001; ++i) fields += "f=x&";
  BOOST_TEST((parseForm(post("application/x-www-form-urlencoded", fields), form, 100) == FormError::Malformed));
}
