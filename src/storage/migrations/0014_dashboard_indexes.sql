-- dashboard indexes: a network's dashboard counts its records of a period by type from the index
-- alone, without reading each record's row.
DROP INDEX interaction_by_network;
CREATE INDEX interaction_by_network ON interaction (network_id, happened_on, type);
