-- pipeline generation: raised by every write to the pipeline's stages and to accompaniment records,
-- so that figures computed from them (the dashboard) are kept only while they are unchanged.
INSERT INTO data_generation (name, value) VALUES ('pipeline', 0);
