// Reading hostile XML request bodies into an XmlElement tree.
//
// Built on expat directly (not Poco::XML::SAXParser): expat lets a handler stop
// the parse cleanly with XML_StopParser, so refusals never have to unwind a C++
// exception through C frames, and it reports the DOCTYPE before any of its
// internal subset is read, which is where we refuse it.

#include "caldav/xml.h"

#include <expat.h>

#include <algorithm>
#include <memory>
#include <string>

namespace jadwal::caldav {

const XmlElement* XmlElement::child(std::string_view ns_, std::string_view name_) const {
  const auto found =
      std::find_if(children.begin(), children.end(), [&](const XmlElement& c) { return c.is(ns_, name_); });
  return found == children.end() ? nullptr : &*found;
}

std::vector<const XmlElement*> XmlElement::childrenNamed(std::string_view ns_, std::string_view name_) const {
  std::vector<const XmlElement*> found;
  for (const XmlElement& c : children) {
    if (c.is(ns_, name_)) found.push_back(&c);
  }
  return found;
}

std::string XmlElement::attribute(std::string_view name_, std::string_view fallback) const {
  for (const auto& [key, value] : attributes) {
    if (key == name_) return value;
  }
  return std::string(fallback);
}

namespace {

// Expat joins namespace URI and local name with this character. Expat 2.4.5+
// refuses a namespace URI that contains the separator, so the split is exact.
constexpr char kNamespaceSeparator = '\n';

// expat reports more than a body's worth in one call only if the int overflows;
// feed in bounded chunks so a large configured limit stays safe.
constexpr std::size_t kChunkBytes = 1 << 20;

struct ParserDeleter {
  void operator()(XML_ParserStruct* parser) const { XML_ParserFree(parser); }
};
using ParserHandle = std::unique_ptr<XML_ParserStruct, ParserDeleter>;

// State shared by the expat callbacks while one body is parsed.
struct TreeBuilder {
  XML_Parser parser = nullptr;
  const XmlLimits* limits = nullptr;
  XmlElement root;
  bool rootSeen = false;
  // Path from the root to the innermost open element. Only the innermost
  // element's children vector grows, and all of its children are closed, so
  // these pointers stay valid.
  std::vector<XmlElement*> open;
  std::size_t elementCount = 0;
  std::string refusal;  // set when a handler stopped the parse on purpose

  void refuse(std::string why) {
    if (!refusal.empty()) return;
    refusal = std::move(why);
    XML_StopParser(parser, XML_FALSE);
  }
};

void splitName(const XML_Char* qualified, std::string& ns, std::string& local) {
  std::string_view full(qualified);
  const std::size_t cut = full.find(kNamespaceSeparator);
  if (cut == std::string_view::npos) {
    ns.clear();
    local.assign(full);
  } else {
    ns.assign(full.substr(0, cut));
    local.assign(full.substr(cut + 1));
  }
}

void XMLCALL onStartElement(void* userData, const XML_Char* name, const XML_Char** atts) {
  auto& b = *static_cast<TreeBuilder*>(userData);
  if (!b.refusal.empty()) return;  // expat may still call us after a stop
  try {
    if (++b.elementCount > b.limits->maxElements) {
      b.refuse("XML body has more than " + std::to_string(b.limits->maxElements) + " elements");
      return;
    }
    if (b.open.size() + 1 > b.limits->maxDepth) {
      b.refuse("XML body nests deeper than " + std::to_string(b.limits->maxDepth) + " levels");
      return;
    }
    XmlElement* element = nullptr;
    if (b.open.empty()) {
      element = &b.root;  // expat itself refuses a second root element
      b.rootSeen = true;
    } else {
      element = &b.open.back()->children.emplace_back();
    }
    splitName(name, element->ns, element->name);
    for (const XML_Char** a = atts; *a != nullptr; a += 2) {
      std::string_view attributeName(a[0]);
      // Only unqualified attributes are kept; WebDAV and CalDAV define no others.
      if (attributeName.find(kNamespaceSeparator) != std::string_view::npos) continue;
      element->attributes.emplace_back(std::string(attributeName), std::string(a[1]));
    }
    b.open.push_back(element);
  } catch (const std::exception&) {
    b.refuse("XML body could not be read: out of memory");
  }
}

void XMLCALL onEndElement(void* userData, const XML_Char*) {
  auto& b = *static_cast<TreeBuilder*>(userData);
  if (!b.refusal.empty() || b.open.empty()) return;
  b.open.pop_back();
}

void XMLCALL onCharacterData(void* userData, const XML_Char* s, int len) {
  auto& b = *static_cast<TreeBuilder*>(userData);
  if (!b.refusal.empty() || b.open.empty()) return;
  try {
    b.open.back()->text.append(s, static_cast<std::size_t>(len));
  } catch (const std::exception&) {
    b.refuse("XML body could not be read: out of memory");
  }
}

// A DOCTYPE is the only place entities can be declared; refusing it outright
// rules out entity expansion bombs and external entities alike.
void XMLCALL onStartDoctype(void* userData, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  static_cast<TreeBuilder*>(userData)->refuse("XML body declares a DOCTYPE, which is not accepted");
}

// Unreachable without a DOCTYPE; kept so that no path ever expands an entity.
void XMLCALL onEntityDecl(void* userData, const XML_Char*, int, const XML_Char*, int, const XML_Char*, const XML_Char*,
                          const XML_Char*, const XML_Char*) {
  static_cast<TreeBuilder*>(userData)->refuse("XML body declares an entity, which is not accepted");
}

int XMLCALL onExternalEntityRef(XML_Parser, const XML_Char*, const XML_Char*, const XML_Char*, const XML_Char*) {
  return XML_STATUS_ERROR;  // never fetch anything
}

bool isBlank(std::string_view body) { return body.find_first_not_of(" \t\r\n") == std::string_view::npos; }

}  // namespace

XmlElement parseXml(std::string_view body, const XmlLimits& limits) {
  if (body.size() > limits.maxBytes) {
    throw XmlError("XML body is larger than the limit of " + std::to_string(limits.maxBytes) + " bytes");
  }
  if (isBlank(body)) throw XmlError("XML body is empty");

  // A null encoding lets the document's own declaration (or BOM) choose among
  // the encodings expat knows; anything else is refused as malformed.
  ParserHandle parser(XML_ParserCreateNS(nullptr, kNamespaceSeparator));
  if (!parser) throw XmlError("XML body could not be read: out of memory");

  TreeBuilder builder;
  builder.parser = parser.get();
  builder.limits = &limits;
  XML_SetUserData(parser.get(), &builder);
  XML_SetElementHandler(parser.get(), onStartElement, onEndElement);
  XML_SetCharacterDataHandler(parser.get(), onCharacterData);
  XML_SetStartDoctypeDeclHandler(parser.get(), onStartDoctype);
  XML_SetEntityDeclHandler(parser.get(), onEntityDecl);
  XML_SetExternalEntityRefHandler(parser.get(), onExternalEntityRef);
  XML_SetParamEntityParsing(parser.get(), XML_PARAM_ENTITY_PARSING_NEVER);

  std::size_t offset = 0;
  do {
    const std::size_t chunk = std::min(kChunkBytes, body.size() - offset);
    const bool last = offset + chunk == body.size();
    const XML_Status status =
        XML_Parse(parser.get(), body.data() + offset, static_cast<int>(chunk), last ? XML_TRUE : XML_FALSE);
    if (!builder.refusal.empty()) throw XmlError(builder.refusal);
    if (status != XML_STATUS_OK) {
      const XML_Error code = XML_GetErrorCode(parser.get());
      throw XmlError("malformed XML at line " + std::to_string(XML_GetCurrentLineNumber(parser.get())) + ": " +
                     XML_ErrorString(code));
    }
    offset += chunk;
  } while (offset < body.size());

  if (!builder.rootSeen) throw XmlError("XML body has no root element");
  return std::move(builder.root);
}

}  // namespace jadwal::caldav
