#pragma once
// glibc's malloc gives a thread that finds the arenas in use a new arena, up
// to eight per core, and what is freed in one arena serves only that arena:
// with two dozen threads (workers, I/O, database) resident memory grows with
// the number of arenas more than with the work. jadwald bounds them at
// start ([malloc_arenas], 2 by default).

namespace jadwal::server {

// Bounds glibc's malloc arenas to `arenas`; 0 leaves glibc's default. Call
// before other threads start. Returns false when the C library refused.
bool limitMallocArenas(int arenas);

}  // namespace jadwal::server
