# Only the iCalendar library (caldav/ical/) uses libical: every other file
# reaches it through the library's public headers. Fails, naming each file,
# when a file outside caldav/ical/ includes a libical header or one of the
# library's private headers (caldav/ical/detail/), or when production code
# outside it names a libical type or the zone lock. Tests read what the
# library wrote with libical only through tests/unit/libical_reader.h.
#
#   cmake -DSOURCE_DIR=<repository> -P ical_boundary.cmake
#   cmake -DSELF_TEST_DIR=<scratch directory> -P ical_boundary.cmake
#
# The self-test builds a small tree with one violation of each kind and
# checks that every one is found, so the check cannot silently pass.

# Files under the top-level folders that are part of the build (those with
# a CMakeLists.txt), so that build trees inside the source are not scanned.
function(ical_boundary_violations root out)
  set(found "")
  file(GLOB entries LIST_DIRECTORIES true RELATIVE ${root} ${root}/*)
  foreach(entry ${entries})
    if(NOT IS_DIRECTORY ${root}/${entry} OR NOT EXISTS ${root}/${entry}/CMakeLists.txt)
      continue()
    endif()
    file(GLOB_RECURSE files RELATIVE ${root} ${root}/${entry}/*.h ${root}/${entry}/*.hpp ${root}/${entry}/*.cpp
         ${root}/${entry}/*.cc)
    foreach(file ${files})
      if(file MATCHES "^caldav/ical/")
        continue()
      endif()
      file(READ ${root}/${file} text)
      if(text MATCHES "#[ \t]*include[ \t]*[<\"]libical/" AND NOT file STREQUAL "tests/unit/libical_reader.h")
        list(APPEND found "${file}: includes libical")
      endif()
      if(text MATCHES "#[ \t]*include[ \t]*[<\"]caldav/ical/detail/")
        list(APPEND found "${file}: includes a private header of the iCalendar library")
      endif()
      if(NOT file MATCHES "^tests/" AND text MATCHES "(icalcomponent|icalproperty|icaltimetype|icaltimezone|lockZones)")
        list(APPEND found "${file}: names a libical type or the zone lock (${CMAKE_MATCH_1})")
      endif()
    endforeach()
  endforeach()
  set(${out} "${found}" PARENT_SCOPE)
endfunction()

if(DEFINED SELF_TEST_DIR)
  set(tree ${SELF_TEST_DIR}/ical_boundary_tree)
  file(REMOVE_RECURSE ${tree})
  file(WRITE ${tree}/caldav/CMakeLists.txt "")
  file(WRITE ${tree}/caldav/ical/ical.cpp "#include <libical/ical.h>\nicalcomponent* c;\n")
  file(WRITE ${tree}/workflow/CMakeLists.txt "")
  file(WRITE ${tree}/workflow/clean.cpp "#include \"caldav/ical/ical.h\"\n")
  file(WRITE ${tree}/workflow/includes.cpp "#include <libical/ical.h>\n")
  file(WRITE ${tree}/workflow/private.cpp "#include \"caldav/ical/detail/time.h\"\n")
  file(WRITE ${tree}/workflow/names.h "void f(icaltimetype t);\n")
  file(WRITE ${tree}/tests/CMakeLists.txt "")
  file(WRITE ${tree}/tests/unit/libical_reader.h "#include <libical/ical.h>\n")
  file(WRITE ${tree}/tests/unit/reads_test.cpp "#include \"libical_reader.h\"\nicalcomponent* c;\n")
  file(WRITE ${tree}/tests/unit/includes_test.cpp "#  include <libical/icalss.h>\n")
  file(WRITE ${tree}/build/CMakeFiles/generated.cpp "#include <libical/ical.h>\n")
  ical_boundary_violations(${tree} found)
  set(expected
      "tests/unit/includes_test.cpp: includes libical"
      "workflow/includes.cpp: includes libical"
      "workflow/names.h: names a libical type or the zone lock (icaltimetype)"
      "workflow/private.cpp: includes a private header of the iCalendar library")
  list(SORT found)
  if(NOT found STREQUAL expected)
    string(REPLACE ";" "\n  " found "${found}")
    message(FATAL_ERROR "the boundary check found:\n  ${found}\nrather than the four planted violations")
  endif()
  message(STATUS "the boundary check finds each planted violation and nothing else")
  return()
endif()

if(NOT DEFINED SOURCE_DIR)
  message(FATAL_ERROR "usage: cmake -DSOURCE_DIR=<repository> -P ical_boundary.cmake")
endif()
ical_boundary_violations(${SOURCE_DIR} found)
if(found)
  string(REPLACE ";" "\n  " found "${found}")
  message(FATAL_ERROR "libical is used outside the iCalendar library (caldav/ical/):\n  ${found}")
endif()
message(STATUS "libical is used only inside caldav/ical/")
