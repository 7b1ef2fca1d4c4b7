#define BOOST_TEST_MODULE malloc_arenas
#include <boost/test/unit_test.hpp>

#include <malloc.h>

#include <barrier>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "server/malloc_arenas.h"

using namespace jadwal::server;

namespace {

// glibc's own account of its arenas: one <heap nr="..."> element each.
[[maybe_unused]] std::size_t arenasInUse() {  // unused under the sanitizers
  char* text = nullptr;
  std::size_t size = 0;
  FILE* out = open_memstream(&text, &size);
  malloc_info(0, out);
  std::fclose(out);
  const std::string info(text, size);
  std::free(text);
  std::size_t count = 0;
  for (auto at = info.find("<heap nr="); at != std::string::npos; at = info.find("<heap nr=", at + 1)) ++count;
  return count;
}

}  // namespace

BOOST_AUTO_TEST_CASE(threads_allocating_at_once_share_the_bounded_arenas) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  BOOST_TEST_MESSAGE("the sanitizer's allocator replaces glibc's: nothing to check");
#else
  BOOST_TEST(limitMallocArenas(1));
  // Eight threads hold allocations at the same moment, each in a loop that
  // contends for the arena lock: glibc would give them arenas of their own.
  constexpr int kThreads = 8;
  std::barrier together(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&together] {
      together.arrive_and_wait();
      std::vector<void*> blocks;
      for (int n = 0; n < 20000; ++n) blocks.push_back(std::malloc(64 + n % 512));
      together.arrive_and_wait();
      for (void* block : blocks) std::free(block);
    });
  }
  for (auto& thread : threads) thread.join();
  BOOST_TEST(arenasInUse() == 1u);
#endif
}

BOOST_AUTO_TEST_CASE(zero_leaves_glibc_alone) { BOOST_TEST(limitMallocArenas(0)); }
