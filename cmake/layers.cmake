# Layers, lowest first: a library may include its own folder and the folders
# below it, never one above (server -> web -> workflow -> caldav ->
# caldav/ical -> sql -> base). A folder may be nested (caldav/ical: the
# iCalendar library may not reach the rest of caldav, which may reach it); a
# folder that does not exist yet is skipped.
# tests/build/test_include_layers.py checks every #include against the same
# list, relative includes too.
set(JADWAL_LAYERS base sql caldav/ical caldav workflow web server)

# Gives `target` an include directory that holds only the folders it may
# reach: <build>/layers/<target>/<folder> links to <source>/<folder> for its
# own layer and every lower one. The project root is no include directory, so
# `#include "workflow/x.h"` from caldav does not compile.
function(jadwal_layer_includes target layer)
  list(FIND JADWAL_LAYERS ${layer} own)
  if(own EQUAL -1)
    message(FATAL_ERROR "jadwal_layer_includes: ${layer} is not in JADWAL_LAYERS (cmake/layers.cmake)")
  endif()
  set(dir ${CMAKE_BINARY_DIR}/layers/${target})
  file(REMOVE_RECURSE ${dir})
  set(allowed)
  foreach(index RANGE ${own})
    list(GET JADWAL_LAYERS ${index} folder)
    list(APPEND allowed ${folder})
  endforeach()
  foreach(folder IN LISTS allowed)
    if(NOT IS_DIRECTORY ${PROJECT_SOURCE_DIR}/${folder})
      continue()
    endif()
    # A nested folder whose parent is allowed too comes with the parent's link.
    set(covered FALSE)
    foreach(other IN LISTS allowed)
      string(FIND "${folder}" "${other}/" at)
      if(at EQUAL 0)
        set(covered TRUE)
      endif()
    endforeach()
    if(covered)
      continue()
    endif()
    get_filename_component(parent ${dir}/${folder} DIRECTORY)
    file(MAKE_DIRECTORY ${parent})
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${folder} ${dir}/${folder} SYMBOLIC)
  endforeach()
  target_include_directories(${target} PUBLIC ${dir})
endfunction()
