#include "graph/ordered_output.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace kgrep {

void WriteChunksInOrder(std::ostream& out, size_t chunks, size_t threads,
                        const std::function<void(size_t, std::string*)>& format) {
  if (threads <= 1 || chunks <= 1) {
    std::string text;
    for (size_t i = 0; i < chunks && out; ++i) {
      text.clear();
      format(i, &text);
      out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }
    return;
  }

  threads = std::min(threads, chunks);  // no thread without a chunk to make
  // Chunk i lives in slot i % window from when a thread takes it until it
  // has been written.
  struct Slot {
    std::string text;
    bool ready = false;
  };
  const size_t window = threads * 2;
  std::vector<Slot> slots(window);
  std::mutex mu;
  std::condition_variable changed;
  size_t next = 0;     // the next chunk to format
  size_t written = 0;  // chunks written (or given up) so far
  bool stop = false;

  auto work = [&] {
    std::unique_lock lock(mu);
    for (;;) {
      changed.wait(lock, [&] { return stop || next >= chunks || next < written + window; });
      if (stop || next >= chunks) return;
      const size_t i = next++;
      Slot& slot = slots[i % window];
      lock.unlock();
      slot.text.clear();
      format(i, &slot.text);
      lock.lock();
      slot.ready = true;
      changed.notify_all();
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads);
  for (size_t t = 0; t < threads; ++t) pool.emplace_back(work);

  for (size_t i = 0; i < chunks; ++i) {
    Slot& slot = slots[i % window];
    {
      std::unique_lock lock(mu);
      changed.wait(lock, [&] { return slot.ready; });
    }
    // No thread touches the slot until `written` moves past it.
    if (out) out.write(slot.text.data(), static_cast<std::streamsize>(slot.text.size()));
    std::lock_guard lock(mu);
    slot.ready = false;
    ++written;
    if (!out) stop = true;
    changed.notify_all();
    if (stop) break;
  }
  for (std::thread& t : pool) t.join();
}

}  // namespace kgrep
