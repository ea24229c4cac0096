// The schema migrations written as numbered SQL files (src/storage/migrations/0009_pipeline.sql),
// embedded at build time. A file opens with « -- » and the migration's name on its first line;
// statements end with « ; » at the end of a line and use the dialect placeholders of
// sql_dialect.h ({{id_never_reused}}, {{now}}…). Comment lines (« -- ») are not sent.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rrma {

struct MigrationFile {
  int version;             // the number the file name starts with
  std::string_view path;   // as in the source tree, for messages
  std::string_view text;   // the file as written
};

// Every file, by version.
const std::vector<MigrationFile>& MigrationFiles();

// The name on the first line, without « -- ».
std::string MigrationName(std::string_view text);

// The statements of the file, comments removed, each without its final « ; ».
std::vector<std::string> MigrationStatements(std::string_view text);

}  // namespace rrma
