-- accompaniment records: what a network's team did with organisations and persons, and what next
--
-- Network-owned rows with a visibility (tenant_scope.h). date is when it happened; the next action,
-- when there is one, has a description, a due date, the account that takes it, and when it was done.
CREATE TABLE interaction (
  id {{id_never_reused}},
  network_id BIGINT NOT NULL REFERENCES network(id),
  visibility TEXT NOT NULL CHECK (visibility IN ('private', 'network', 'public')),
  happened_on TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('prise_de_contact', 'appui_juridique', 'accompagnement_strategique',
                                     'accompagnement_operationnel', 'vsi_reciprocite', 'animation_territoire',
                                     'evenement', 'accueil_delegation', 'montage_projet', 'conseil',
                                     'financement', 'formation')),
  subject TEXT NOT NULL,
  notes TEXT NOT NULL DEFAULT '',
  next_action TEXT,
  next_action_due TEXT,
  next_action_owner_id BIGINT REFERENCES app_user(id),
  next_action_done_at TEXT,
  created_by BIGINT REFERENCES app_user(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX interaction_by_network ON interaction (network_id, happened_on);
CREATE INDEX interaction_by_next_action ON interaction (next_action_owner_id, next_action_due);

-- The organisations and persons an interaction was with.
CREATE TABLE interaction_organisation (
  interaction_id BIGINT NOT NULL REFERENCES interaction(id) ON DELETE CASCADE,
  organisation_id BIGINT NOT NULL REFERENCES organisation(id),
  PRIMARY KEY (interaction_id, organisation_id)
);
CREATE INDEX interaction_organisation_by_organisation ON interaction_organisation (organisation_id, interaction_id);
CREATE TABLE interaction_person (
  interaction_id BIGINT NOT NULL REFERENCES interaction(id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  PRIMARY KEY (interaction_id, person_id)
);
CREATE INDEX interaction_person_by_person ON interaction_person (person_id, interaction_id);
