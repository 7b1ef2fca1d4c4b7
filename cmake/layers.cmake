# Layers, lowest first: a library may include its own folder and the folders
# below it, never one above (server -> workflow -> caldav -> sql). A folder
# may be nested (server/web); a folder that does not exist yet is skipped.
# tests/build/test_include_layers.py checks every #include against the same
# list, relative includes too.
set(JADWAL_LAYERS sql caldav workflow server)

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
  foreach(index RANGE ${own})
    list(GET JADWAL_LAYERS ${index} folder)
    if(NOT IS_DIRECTORY ${PROJECT_SOURCE_DIR}/${folder})
      continue()
    endif()
    get_filename_component(parent ${dir}/${folder} DIRECTORY)
    file(MAKE_DIRECTORY ${parent})
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${folder} ${dir}/${folder} SYMBOLIC)
  endforeach()
  target_include_directories(${target} PUBLIC ${dir})
endfunction()
