// The public handles on a component tree: ownership and the few reads the
// workflow needs of an event.

#include <libical/ical.h>

#include <cctype>

#include "caldav/ical/detail/handle.h"
#include "caldav/ical/detail/time.h"
#include "caldav/ical/ical.h"

namespace jadwal::caldav {

namespace {

std::string textOf(const char* text) { return text != nullptr ? text : ""; }

}  // namespace

void IcalComponent::Free::operator()(void* tree) const { icalcomponent_free(static_cast<icalcomponent*>(tree)); }

ComponentRef IcalComponent::get() const { return detail::ref(static_cast<icalcomponent*>(tree_.get())); }

std::string IcalComponent::toString() const {
  if (!tree_) return {};
  detail::LibicalBuffer text(icalcomponent_as_ical_string_r(detail::raw(get())));
  return text ? std::string(text.get()) : std::string();
}

std::string ComponentRef::name() const {
  if (!*this) return {};
  return textOf(icalcomponent_kind_to_string(icalcomponent_isa(detail::raw(*this))));
}

std::string ComponentRef::uid() const { return *this ? textOf(icalcomponent_get_uid(detail::raw(*this))) : ""; }

std::string ComponentRef::summary() const { return *this ? textOf(icalcomponent_get_summary(detail::raw(*this))) : ""; }

std::string ComponentRef::location() const {
  return *this ? textOf(icalcomponent_get_location(detail::raw(*this))) : "";
}

std::string ComponentRef::status() const {
  if (!*this) return {};
  const icalproperty_status status = icalcomponent_get_status(detail::raw(*this));
  return status == ICAL_STATUS_NONE ? "" : textOf(icalproperty_status_to_string(status));
}

std::string ComponentRef::description() const {
  return *this ? textOf(icalcomponent_get_description(detail::raw(*this))) : "";
}

std::string ComponentRef::classification() const {
  if (!*this) return {};
  icalproperty* property = icalcomponent_get_first_property(detail::raw(*this), ICAL_CLASS_PROPERTY);
  if (property == nullptr) return {};
  std::string value = textOf(icalproperty_get_value_as_string(property));
  for (char& c : value) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return value;
}

bool ComponentRef::startIsDate() const {
  if (!*this) return false;
  icalproperty* start = icalcomponent_get_first_property(detail::raw(*this), ICAL_DTSTART_PROPERTY);
  return start != nullptr && icalproperty_get_dtstart(start).is_date != 0;
}

bool ComponentRef::hasEndOrDuration() const {
  if (!*this) return false;
  icalcomponent* component = detail::raw(*this);
  return icalcomponent_get_first_property(component, ICAL_DTEND_PROPERTY) != nullptr ||
         icalcomponent_get_first_property(component, ICAL_DURATION_PROPERTY) != nullptr;
}

int ComponentRef::sequence() const { return *this ? icalcomponent_get_sequence(detail::raw(*this)) : 0; }

std::vector<ComponentRef> ComponentRef::children(std::string_view name) const {
  std::vector<ComponentRef> found;
  if (!*this) return found;
  const icalcomponent_kind kind =
      name.empty() ? ICAL_ANY_COMPONENT : icalcomponent_string_to_kind(std::string(name).c_str());
  if (kind == ICAL_NO_COMPONENT) return found;
  for (icalcomponent* child : detail::childrenOf(detail::raw(*this), kind)) found.push_back(detail::ref(child));
  return found;
}

std::vector<std::string> ComponentRef::xValues(std::string_view name) const {
  std::vector<std::string> values;
  if (!*this) return values;
  for (icalproperty* property : detail::propertiesOf(detail::raw(*this), ICAL_X_PROPERTY)) {
    const char* xName = icalproperty_get_x_name(property);
    const char* value = icalproperty_get_x(property);
    if (xName != nullptr && value != nullptr && name == xName) values.emplace_back(value);
  }
  return values;
}

std::vector<std::string> ComponentRef::attachmentUris() const {
  std::vector<std::string> uris;
  if (!*this) return uris;
  for (icalproperty* property : detail::propertiesOf(detail::raw(*this), ICAL_ATTACH_PROPERTY)) {
    icalattach* attach = icalproperty_get_attach(property);
    if (attach != nullptr && icalattach_get_is_url(attach) != 0) {
      const char* uri = icalattach_get_url(attach);
      if (uri != nullptr) uris.emplace_back(uri);
    }
  }
  return uris;
}

std::string ComponentRef::url() const {
  if (!*this) return {};
  icalproperty* property = icalcomponent_get_first_property(detail::raw(*this), ICAL_URL_PROPERTY);
  return property != nullptr ? textOf(icalproperty_get_url(property)) : "";
}

}  // namespace jadwal::caldav
