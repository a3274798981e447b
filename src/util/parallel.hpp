#pragma once
// Runs fn(i) for i in [0, count) on at most `limit` threads at once.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace flocker {

template <class Fn>
void parallel_for(size_t count, size_t limit, Fn&& fn) {
  const size_t workers = std::min(count, std::max<size_t>(1, limit));
  std::atomic<size_t> next{0};
  std::vector<std::jthread> threads;
  threads.reserve(workers);
  for (size_t w = 0; w < workers; ++w)
    threads.emplace_back([&] {
      for (size_t i = next++; i < count; i = next++) fn(i);
    });
}

}  // namespace flocker
