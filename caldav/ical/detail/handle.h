#pragma once
// Private to the iCalendar library: the libical handles behind the public
// IcalComponent and ComponentRef, which hold them as untyped pointers so
// that no libical type reaches a header outside the library.

#include <libical/ical.h>

#include <memory>

#include "caldav/ical/ical.h"

namespace jadwal::caldav::detail {

struct ComponentAccess {
  static icalcomponent* raw(ComponentRef ref) { return static_cast<icalcomponent*>(ref.handle_); }
  static ComponentRef ref(icalcomponent* component) { return ComponentRef(component); }
  // Takes ownership of a tree (a parsed or built VCALENDAR).
  static IcalComponent own(icalcomponent* tree) {
    IcalComponent owned;
    owned.tree_.reset(tree);
    return owned;
  }
  // Gives the tree up, e.g. to add it to another; the caller owns it.
  static icalcomponent* release(IcalComponent& owned) { return static_cast<icalcomponent*>(owned.tree_.release()); }
};

inline icalcomponent* raw(ComponentRef ref) { return ComponentAccess::raw(ref); }
inline ComponentRef ref(icalcomponent* component) { return ComponentAccess::ref(component); }
inline IcalComponent own(icalcomponent* tree) { return ComponentAccess::own(tree); }

// Owns a string that libical allocated for the caller (the *_r functions).
struct LibicalBufferFree {
  void operator()(char* text) const { icalmemory_free_buffer(text); }
};
using LibicalBuffer = std::unique_ptr<char, LibicalBufferFree>;

}  // namespace jadwal::caldav::detail
