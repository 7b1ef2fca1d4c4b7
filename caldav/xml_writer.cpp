// Writing XML: escaping, XmlWriter for response bodies, and XmlElement::toXml
// for keeping a received element (a dead property) to emit again later.
//
// Everything appends to one std::string: a Depth:1 PROPFIND over a large
// calendar writes tens of thousands of elements, so no streams and no
// per-element temporaries beyond the short qualified name.

#include "base/utf8.h"
#include "caldav/xml.h"

#include <optional>
#include <string>

namespace jadwal::caldav {

namespace {

enum class EscapeFor { kContent, kAttribute };

constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD

// Appends `text` escaped so that the output is always well-formed XML 1.0:
// markup characters become references; control characters XML forbids are
// dropped, as are U+FFFE and U+FFFF; bytes that are not UTF-8 become U+FFFD.
// CR is written as a reference so CRLF (as in iCalendar) survives parsing; in
// attributes tab and LF are too, since attribute normalisation would turn
// them into spaces.
void appendEscaped(std::string& out, std::string_view text, EscapeFor where) {
  std::size_t plainFrom = 0;  // start of the run of bytes copied as they are
  const auto flushPlain = [&](std::size_t upTo) { out.append(text.data() + plainFrom, upTo - plainFrom); };
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::optional<std::string_view> replacement;  // empty optional: copy the byte as it is
    std::size_t consumed = 1;
    if (c >= 0x80) {
      const std::size_t length = base::utf8SequenceLength(text, i);
      if (length == 0) {
        replacement = kReplacementCharacter;
      } else if (length == 3 && c == 0xEF && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
                 static_cast<unsigned char>(text[i + 2]) >= 0xBE) {
        replacement = "";  // U+FFFE, U+FFFF: not XML characters
        consumed = 3;
      } else {
        i += length;  // part of the plain run
        continue;
      }
    } else {
      switch (c) {
        case '&':
          replacement = "&amp;";
          break;
        case '<':
          replacement = "&lt;";
          break;
        case '>':
          replacement = "&gt;";
          break;
        case '"':
          replacement = "&quot;";
          break;
        case '\r':
          replacement = "&#13;";
          break;
        case '\n':
          if (where == EscapeFor::kContent) break;
          replacement = "&#10;";
          break;
        case '\t':
          if (where == EscapeFor::kContent) break;
          replacement = "&#9;";
          break;
        default:
          if (c < 0x20) replacement = "";  // forbidden control character: dropped
          break;
      }
      if (!replacement) {
        ++i;
        continue;
      }
    }
    flushPlain(i);
    out.append(*replacement);
    i += consumed;
    plainFrom = i;
  }
  flushPlain(text.size());
}

// The fixed prefix for a namespace, "" for no namespace, or nullptr when the
// namespace needs a generated prefix.
const char* fixedPrefix(std::string_view ns) {
  if (ns.empty()) return "";
  if (ns == ns::kDav) return "D";
  if (ns == ns::kCalDav) return "C";
  if (ns == ns::kCalServer) return "CS";
  if (ns == ns::kApple) return "A";
  return nullptr;
}

void appendAttributes(std::string& out, const std::vector<std::pair<std::string, std::string>>& attributes) {
  for (const auto& [name, value] : attributes) {
    out += ' ';
    out += name;
    out += "=\"";
    appendEscaped(out, value, EscapeFor::kAttribute);
    out += '"';
  }
}

// toXml uses default-namespace declarations: the element declares its own
// namespace (xmlns="" when it has none, so a default namespace of the document
// it is later embedded in cannot capture it), and a child redeclares only when
// its namespace differs from its parent's.
void appendElement(std::string& out, const XmlElement& e, const std::string* parentNs) {
  out += '<';
  out += e.name;
  if (parentNs == nullptr || *parentNs != e.ns) {
    out += " xmlns=\"";
    appendEscaped(out, e.ns, EscapeFor::kAttribute);
    out += '"';
  }
  appendAttributes(out, e.attributes);
  if (e.text.empty() && e.children.empty()) {
    out += "/>";
    return;
  }
  out += '>';
  // Mixed content keeps only concatenated text, so text comes before children.
  appendEscaped(out, e.text, EscapeFor::kContent);
  for (const XmlElement& child : e.children) appendElement(out, child, &e.ns);
  out += "</";
  out += e.name;
  out += '>';
}

}  // namespace

std::string xmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  appendEscaped(out, text, EscapeFor::kContent);
  return out;
}

std::string XmlElement::toXml() const {
  std::string out;
  appendElement(out, *this, nullptr);
  return out;
}

XmlWriter::XmlWriter() {
  out_.reserve(std::size_t{16} << 10);
  out_ += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
}

namespace {

// Writes "<prefix:name" plus the declarations it needs, and returns the
// qualified name for the end tag. The writer never declares a default
// namespace, so an unprefixed name is always in no namespace.
std::string startTag(std::string& out, std::string_view ns, std::string_view name, bool& rootWritten, int& generated) {
  std::string qualified;
  const char* prefix = fixedPrefix(ns);
  std::string generatedPrefix;
  if (prefix == nullptr) {
    generatedPrefix = "x" + std::to_string(generated++);
    prefix = generatedPrefix.c_str();
  }
  if (*prefix != '\0') {
    qualified += prefix;
    qualified += ':';
  }
  qualified += name;

  out += '<';
  out += qualified;
  if (!rootWritten) {
    out +=
        " xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\""
        " xmlns:CS=\"http://calendarserver.org/ns/\" xmlns:A=\"http://apple.com/ns/ical/\"";
    rootWritten = true;
  }
  if (!generatedPrefix.empty()) {
    out += " xmlns:";
    out += generatedPrefix;
    out += "=\"";
    appendEscaped(out, ns, EscapeFor::kAttribute);
    out += '"';
  }
  return qualified;
}

}  // namespace

void XmlWriter::open(std::string_view ns, std::string_view name,
                     const std::vector<std::pair<std::string, std::string>>& attributes) {
  std::string qualified = startTag(out_, ns, name, rootWritten_, generated_);
  appendAttributes(out_, attributes);
  out_ += '>';
  open_.push_back(std::move(qualified));
}

void XmlWriter::close() {
  if (open_.empty()) return;  // nothing open: closing is a no-op rather than broken output
  out_ += "</";
  out_ += open_.back();
  out_ += '>';
  open_.pop_back();
}

void XmlWriter::element(std::string_view ns, std::string_view name, std::string_view text) {
  const std::string qualified = startTag(out_, ns, name, rootWritten_, generated_);
  if (text.empty()) {
    out_ += "/>";
    return;
  }
  out_ += '>';
  appendEscaped(out_, text, EscapeFor::kContent);
  out_ += "</";
  out_ += qualified;
  out_ += '>';
}

void XmlWriter::text(std::string_view text) { appendEscaped(out_, text, EscapeFor::kContent); }

void XmlWriter::raw(std::string_view xml) { out_.append(xml); }

std::string XmlWriter::take() {
  std::string part = std::move(out_);
  out_.clear();
  out_.reserve(std::size_t{16} << 10);
  return part;
}

std::string XmlWriter::finish() {
  while (!open_.empty()) close();
  out_ += '\n';
  std::string document = std::move(out_);
  // Start afresh so the writer can build another document.
  *this = XmlWriter();
  return document;
}

}  // namespace jadwal::caldav
