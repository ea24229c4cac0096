-- merge parties: what a merge did to the accompaniment records and events that named the merged
-- organisation (storage/merge_parties.h), so that undoing the merge puts their lines back.
-- Merges made before this migration touched none: an empty object.
ALTER TABLE organisation_merge ADD COLUMN moved_parties TEXT NOT NULL DEFAULT '{}';
