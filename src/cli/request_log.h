// The server's log while it serves: one line per request (http/server.cpp) costs a write system
// call with spdlog's standard-error sink, a third of the throughput of a cached lookup. Here the
// lines gather in a buffer written when full and at least once a second; warnings and errors are
// written at once, and everything is written before `rrma serve` returns. Standard error remains
// the destination (a file, a pipe or the journal's socket).
#pragma once

namespace rrma::cli {

// Makes the default logger write to a buffered copy of standard error, flushed every second and
// at each warning. Call once, before the server's threads start.
void UseBufferedLog();

// Writes out whatever is buffered.
void FlushLog();

}  // namespace rrma::cli
