#include <algorithm>
#include <cctype>
#include <string>

#include "base/percent.h"
#include "base/text.h"
#include "web/web.h"

namespace jadwal::web {
namespace {

// Bounds on what a form may hold, whatever its size: a body of many tiny
// parts or a huge header block costs time without being a real form.
constexpr std::size_t kMaxFields = 1000;
constexpr std::size_t kMaxPartHeaderBytes = 8 * 1024;

// Percent-decoding with '+' as a space, as browsers encode forms.
bool decodeFormComponent(std::string_view in, std::string& out) {
  auto decoded = base::percentDecoded(in, /*plusIsSpace=*/true);
  if (!decoded) return false;
  out = std::move(*decoded);
  return true;
}

FormError parseUrlEncoded(std::string_view body, FormData& out) {
  std::size_t start = 0, count = 0;
  while (start < body.size()) {
    std::size_t end = body.find('&', start);
    if (end == std::string_view::npos) end = body.size();
    const std::string_view pair = body.substr(start, end - start);
    start = end + 1;
    if (pair.empty()) continue;
    if (++count > kMaxFields) return FormError::Malformed;
    const std::size_t equals = pair.find('=');
    std::string name, value;
    if (!decodeFormComponent(pair.substr(0, equals), name)) return FormError::Malformed;
    if (equals != std::string_view::npos && !decodeFormComponent(pair.substr(equals + 1), value)) {
      return FormError::Malformed;
    }
    out.fields.emplace(std::move(name), std::move(value));
  }
  return FormError::None;
}

// The parameters of a header value such as `form-data; name="a"; filename="b.pdf"`,
// names lower-cased. Quoted values may escape a quote with a backslash.
std::multimap<std::string, std::string> headerParameters(std::string_view value) {
  std::multimap<std::string, std::string> params;
  std::size_t i = value.find(';');
  while (i != std::string_view::npos && i < value.size()) {
    ++i;  // past ';'
    while (i < value.size() && std::isspace(static_cast<unsigned char>(value[i]))) ++i;
    const std::size_t nameStart = i;
    while (i < value.size() && value[i] != '=' && value[i] != ';') ++i;
    std::string name = base::asciiLowercase(base::trimmed(value.substr(nameStart, i - nameStart)));
    std::string text;
    if (i < value.size() && value[i] == '=') {
      ++i;
      while (i < value.size() && value[i] == ' ') ++i;
      if (i < value.size() && value[i] == '"') {
        ++i;
        while (i < value.size() && value[i] != '"') {
          if (value[i] == '\\' && i + 1 < value.size()) ++i;
          text.push_back(value[i++]);
        }
        if (i < value.size()) ++i;  // closing quote
        while (i < value.size() && value[i] != ';') ++i;
      } else {
        const std::size_t valueStart = i;
        while (i < value.size() && value[i] != ';') ++i;
        text = std::string(base::trimmed(value.substr(valueStart, i - valueStart)));
      }
    }
    if (!name.empty()) params.emplace(std::move(name), std::move(text));
    if (i >= value.size()) break;
  }
  return params;
}

std::string parameter(const std::multimap<std::string, std::string>& params, const std::string& name,
                      bool* present = nullptr) {
  auto found = params.find(name);
  if (present) *present = found != params.end();
  return found == params.end() ? std::string() : found->second;
}

// The value of header `name` in a part's header block, "" when absent.
std::string partHeader(std::string_view block, std::string_view name) {
  std::size_t start = 0;
  while (start < block.size()) {
    std::size_t end = block.find("\r\n", start);
    if (end == std::string_view::npos) end = block.size();
    const std::string_view line = block.substr(start, end - start);
    start = end + 2;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    if (base::asciiLowercase(base::trimmed(line.substr(0, colon))) == name)
      return std::string(base::trimmed(line.substr(colon + 1)));
  }
  return {};
}

FormError parseMultipart(std::string_view body, const std::string& boundary, FormData& out, std::size_t maxFileBytes) {
  if (boundary.empty() || boundary.size() > 200) return FormError::Malformed;
  const std::string delimiter = "--" + boundary;
  const std::string separator = "\r\n" + delimiter;

  // The first delimiter opens the body or follows a preamble line.
  std::size_t position;
  if (body.starts_with(delimiter)) {
    position = delimiter.size();
  } else {
    position = body.find(separator);
    if (position == std::string_view::npos) return FormError::Malformed;
    position += separator.size();
  }

  std::size_t parts = 0;
  while (true) {
    if (body.substr(position, 2) == "--") return FormError::None;  // the closing delimiter
    // Transport padding may follow a delimiter before its line break.
    while (position < body.size() && (body[position] == ' ' || body[position] == '\t')) ++position;
    if (body.substr(position, 2) != "\r\n") return FormError::Malformed;
    position += 2;
    if (++parts > kMaxFields) return FormError::Malformed;

    const std::size_t headersEnd = body.find("\r\n\r\n", position);
    std::string_view headers;
    std::size_t contentStart;
    if (body.substr(position, 2) == "\r\n") {  // a part without headers
      headers = {};
      contentStart = position + 2;
    } else {
      if (headersEnd == std::string_view::npos || headersEnd - position > kMaxPartHeaderBytes) {
        return FormError::Malformed;
      }
      headers = body.substr(position, headersEnd - position);
      contentStart = headersEnd + 4;
    }
    const std::size_t contentEnd = body.find(separator, contentStart);
    if (contentEnd == std::string_view::npos) return FormError::Malformed;  // no closing delimiter
    const std::string_view content = body.substr(contentStart, contentEnd - contentStart);
    position = contentEnd + separator.size();

    const std::string disposition = partHeader(headers, "content-disposition");
    if (base::asciiLowercase(base::trimmed(disposition.substr(0, disposition.find(';')))) != "form-data")
      return FormError::Malformed;
    const auto params = headerParameters(disposition);
    const std::string name = parameter(params, "name");
    if (name.empty()) return FormError::Malformed;
    bool isFile = false;
    std::string fileName = parameter(params, "filename", &isFile);
    if (isFile) {
      // A file input left empty still sends a part with an empty name.
      if (fileName.empty() && content.empty()) continue;
      if (content.size() > maxFileBytes) return FormError::TooLarge;
      out.files.push_back(FormFile{name, std::move(fileName), std::string(content)});
    } else {
      out.fields.emplace(name, std::string(content));
    }
  }
}

}  // namespace

std::string FormData::value(std::string_view name) const {
  auto found = fields.find(std::string(name));
  return found == fields.end() ? std::string() : found->second;
}

std::vector<std::string> FormData::values(std::string_view name) const {
  std::vector<std::string> all;
  auto [first, last] = fields.equal_range(std::string(name));
  for (auto it = first; it != last; ++it) all.push_back(it->second);
  return all;
}

FormError parseForm(const WebRequest& request, FormData& out, std::size_t maxFileBytes) {
  out = FormData{};
  const std::string contentType = request.header("Content-Type");
  const std::string mediaType =
      base::asciiLowercase(base::trimmed(std::string_view(contentType).substr(0, contentType.find(';'))));
  if (mediaType == "application/x-www-form-urlencoded") {
    const FormError error = parseUrlEncoded(request.body, out);
    if (error != FormError::None) out = FormData{};
    return error;
  }
  if (mediaType == "multipart/form-data") {
    const FormError error =
        parseMultipart(request.body, parameter(headerParameters(contentType), "boundary"), out, maxFileBytes);
    if (error != FormError::None) out = FormData{};
    return error;
  }
  return FormError::NotAForm;
}

}  // namespace jadwal::web
