-- events: the rencontres, tables rondes, réunions d'information, formations and accueils de
-- délégation a network takes part in, with who organises them and who attends
--
-- Network-owned rows with a visibility (tenant_scope.h). starts_at and ends_at are the local date
-- and time where the event takes place (YYYY-MM-DDTHH:MM), in the time zone of departement_code
-- (Europe/Paris when none).
CREATE TABLE event (
  id {{id_never_reused}},
  network_id BIGINT NOT NULL REFERENCES network(id),
  visibility TEXT NOT NULL CHECK (visibility IN ('private', 'network', 'public')),
  kind TEXT NOT NULL CHECK (kind IN ('rencontre', 'table_ronde', 'reunion_information', 'formation',
                                     'accueil_delegation')),
  title TEXT NOT NULL,
  theme TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  place TEXT NOT NULL DEFAULT '',
  departement_code TEXT,
  created_by BIGINT REFERENCES app_user(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX event_by_network ON event (network_id, starts_at);
CREATE INDEX event_by_start ON event (starts_at);

-- The organisations that organise the event or take part in it, and the persons invited, each
-- with their attendance.
CREATE TABLE event_organisation (
  event_id BIGINT NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  organisation_id BIGINT NOT NULL REFERENCES organisation(id),
  role TEXT NOT NULL CHECK (role IN ('organisateur', 'participant')),
  attendance TEXT NOT NULL CHECK (attendance IN ('invite', 'inscrit', 'present', 'excuse', 'absent')),
  PRIMARY KEY (event_id, organisation_id)
);
CREATE INDEX event_organisation_by_organisation ON event_organisation (organisation_id, event_id);
CREATE TABLE event_person (
  event_id BIGINT NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  attendance TEXT NOT NULL CHECK (attendance IN ('invite', 'inscrit', 'present', 'excuse', 'absent')),
  PRIMARY KEY (event_id, person_id)
);
CREATE INDEX event_person_by_person ON event_person (person_id, event_id);

-- An accompaniment record may be about an event (the meeting prepared, the delegation received).
ALTER TABLE interaction ADD COLUMN event_id BIGINT REFERENCES event(id) ON DELETE SET NULL;
CREATE INDEX interaction_by_event ON interaction (event_id);
