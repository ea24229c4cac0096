-- the engagement pipeline: each network's stage with each collectivité, and its history
--
-- One row per network and collectivité the network has moved along the pipeline; a collectivité
-- without one is « non contactée ». Network-owned and scoped like every such row (tenant_scope.h):
-- a network's pipeline is private to its team. owner_id is the staff member who follows it.
CREATE TABLE pipeline_stage (
  id {{id_never_reused}},
  network_id BIGINT NOT NULL REFERENCES network(id),
  organisation_id BIGINT NOT NULL REFERENCES organisation(id),
  visibility TEXT NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'network', 'public')),
  stage TEXT NOT NULL CHECK (stage IN ('non_contactee', 'prise_de_contact', 'adhesion', 'opportunites_communes',
                                       'relation_echange', 'collaboration')),
  owner_id BIGINT REFERENCES app_user(id),
  changed_at TEXT NOT NULL,
  UNIQUE (network_id, organisation_id)
);
CREATE INDEX pipeline_stage_by_stage ON pipeline_stage (network_id, stage);
CREATE INDEX pipeline_stage_by_organisation ON pipeline_stage (organisation_id);

-- Every change of stage, forward or back: who (the account that moved it, or that recorded the
-- membership that moved it; NULL from the command line), when, why.
CREATE TABLE pipeline_change (
  id {{id_never_reused}},
  network_id BIGINT NOT NULL REFERENCES network(id),
  organisation_id BIGINT NOT NULL REFERENCES organisation(id),
  visibility TEXT NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'network', 'public')),
  from_stage TEXT NOT NULL,
  to_stage TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  changed_by BIGINT REFERENCES app_user(id),
  changed_at TEXT NOT NULL
);
CREATE INDEX pipeline_change_by_organisation ON pipeline_change (organisation_id, network_id, changed_at);
CREATE INDEX pipeline_change_by_network ON pipeline_change (network_id, changed_at);

-- Collectivités already members of a network (a membership in force today) start at « adhésion ».
INSERT INTO pipeline_stage (network_id, organisation_id, visibility, stage, changed_at)
SELECT DISTINCT n.id, o.id, 'private', 'adhesion', {{now}}
FROM relationship rel
JOIN network n ON n.organisation_id = rel.to_id
JOIN organisation o ON o.id = rel.from_id AND o.kind = 'collectivite'
WHERE rel.kind = 'member_of'
  AND (rel.network_id IS NULL OR rel.network_id = n.id)
  AND (rel.start_date IS NULL OR rel.start_date <= substr({{now}}, 1, 10))
  AND (rel.end_date IS NULL OR rel.end_date >= substr({{now}}, 1, 10));
INSERT INTO pipeline_change (network_id, organisation_id, visibility, from_stage, to_stage, reason, changed_at)
SELECT network_id, organisation_id, 'private', 'non_contactee', 'adhesion',
       'Déjà adhérente lors de la mise en place du suivi', changed_at
FROM pipeline_stage;
