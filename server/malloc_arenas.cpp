#include "server/malloc_arenas.h"

#include <malloc.h>

namespace jadwal::server {

bool limitMallocArenas(int arenas) {
  if (arenas <= 0) return true;
  return mallopt(M_ARENA_MAX, arenas) == 1;
}

}  // namespace jadwal::server
