#pragma once
// XML in and out for WebDAV bodies.
//
// In: request bodies come from the network and are hostile. parseXml builds a
// small owned tree and refuses a DOCTYPE (so no entity of any kind can be
// declared or expanded), bodies over the size limit, and nesting deeper than
// the depth limit. Every refusal is an XmlError whose message says why, fit to
// send back in a 400 answer.
//
// Out: XmlWriter writes well-formed, escaped XML with fixed prefixes for the
// namespaces WebDAV and CalDAV use and generated ones for any other.

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jadwal::caldav {

namespace ns {
inline constexpr std::string_view kDav = "DAV:";
inline constexpr std::string_view kCalDav = "urn:ietf:params:xml:ns:caldav";
inline constexpr std::string_view kCalServer = "http://calendarserver.org/ns/";
inline constexpr std::string_view kApple = "http://apple.com/ns/ical/";
}  // namespace ns

class XmlError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct XmlElement {
  std::string ns;                                               // namespace URI, "" if none
  std::string name;                                             // local name
  std::vector<std::pair<std::string, std::string>> attributes;  // local name -> value (unqualified only)
  std::vector<XmlElement> children;
  std::string text;  // concatenated character data directly inside this element

  bool is(std::string_view ns_, std::string_view name_) const { return ns == ns_ && name == name_; }
  // The first child with this namespace and name, or nullptr.
  const XmlElement* child(std::string_view ns_, std::string_view name_) const;
  // Every child with this namespace and name, in document order.
  std::vector<const XmlElement*> childrenNamed(std::string_view ns_, std::string_view name_) const;
  // The attribute's value, or `fallback`.
  std::string attribute(std::string_view name_, std::string_view fallback = "") const;
  // The element serialised again as XML (with its own xmlns declarations),
  // e.g. to keep a dead property as received.
  std::string toXml() const;
};

struct XmlLimits {
  std::size_t maxBytes = 1 << 20;  // 1 MiB
  std::size_t maxDepth = 64;
  std::size_t maxElements = 100000;
};

// Parses `body` into its root element. Throws XmlError on malformed XML, a
// DOCTYPE, or a limit exceeded.
XmlElement parseXml(std::string_view body, const XmlLimits& limits = {});

// Escapes text for element content and attribute values.
std::string xmlEscape(std::string_view text);

// Builds an XML document as a string. Prefixes: D for DAV:, C for CalDAV,
// CS for calendarserver, A for Apple, declared on the root element; any other
// namespace gets a generated prefix declared on each element that uses it.
class XmlWriter {
 public:
  XmlWriter();  // writes the XML declaration
  // Opens an element. The first element opened also declares D, C, CS and A.
  void open(std::string_view ns, std::string_view name,
            const std::vector<std::pair<std::string, std::string>>& attributes = {});
  void close();  // closes the innermost open element
  // <name>text</name>, escaped; an empty text gives <name/>.
  void element(std::string_view ns, std::string_view name, std::string_view text = "");
  void text(std::string_view text);  // escaped character data
  // Appends already well-formed XML (e.g. a stored dead property) verbatim.
  void raw(std::string_view xml);
  // Closes whatever is open and returns the document.
  std::string finish();
  // Hands over what was written since the last take (the open elements stay
  // open), so that a long document can go out in parts.
  std::string take();
  std::size_t size() const { return out_.size(); }  // bytes not yet taken

 private:
  std::string out_;
  std::vector<std::string> open_;  // qualified names of open elements
  bool rootWritten_ = false;
  int generated_ = 0;
};

}  // namespace jadwal::caldav
