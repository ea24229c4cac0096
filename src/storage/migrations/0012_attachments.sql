-- attachments: the files joined to an accompaniment record (a convention, minutes, a photo)
--
-- The bytes are stored on disk under the data folder (attachments/<id>), never in the database;
-- this row says what they are: the name given at upload, the type detected from the content
-- (libmagic), the size and the SHA-256 of the bytes, checked when the file is read back.
CREATE TABLE interaction_attachment (
  id {{id_never_reused}},
  interaction_id BIGINT NOT NULL REFERENCES interaction(id) ON DELETE CASCADE,
  file_name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  created_by BIGINT REFERENCES app_user(id),
  created_at TEXT NOT NULL
);
CREATE INDEX interaction_attachment_by_interaction ON interaction_attachment (interaction_id, id);
