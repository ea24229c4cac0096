#include "cli/request_log.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <mutex>

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

namespace rrma::cli {
namespace {

// A sink writing formatted lines to its own, fully buffered stream on a duplicate of descriptor 2.
class BufferedStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit BufferedStderrSink(FILE* file) : file_(file) {}
  ~BufferedStderrSink() override { std::fclose(file_); }
  BufferedStderrSink(const BufferedStderrSink&) = delete;
  BufferedStderrSink& operator=(const BufferedStderrSink&) = delete;

 protected:
  void sink_it_(const spdlog::details::log_msg& message) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(message, formatted);
    std::fwrite(formatted.data(), 1, formatted.size(), file_);
  }
  void flush_() override { std::fflush(file_); }

 private:
  FILE* file_;
};

constexpr size_t kBufferBytes = 64 * 1024;

}  // namespace

void UseBufferedLog() {
  const int descriptor = dup(STDERR_FILENO);
  FILE* file = descriptor < 0 ? nullptr : fdopen(descriptor, "w");
  if (file == nullptr) {
    if (descriptor >= 0) close(descriptor);
    spdlog::warn("journal non tamponné : les lignes restent écrites une à une");
    return;
  }
  std::setvbuf(file, nullptr, _IOFBF, kBufferBytes);
  auto previous = spdlog::default_logger();
  auto logger = std::make_shared<spdlog::logger>(previous->name(), std::make_shared<BufferedStderrSink>(file));
  logger->set_level(previous->level());
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %l %v");
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);
  spdlog::flush_every(std::chrono::seconds(1));
}

void FlushLog() { spdlog::default_logger()->flush(); }

}  // namespace rrma::cli
