-- What the pods of Kubernetes runs upload (upload/PostgresUploadStaging), staged in the shared store
-- until the run's end is recorded, so the replica that leads next finds everything the last one
-- accepted: a failover during or after a pod's upload loses nothing.
-- One row per run with an upload: its rows of upload_chunks queue on it (SELECT ... FOR UPDATE), and
-- done_* hold the sidecar's last word once it said it (done_modes: the files' modes other than 0644,
-- a JSON object by workspace path, so an executable stays one).
CREATE TABLE upload_runs (
  run_id text PRIMARY KEY,
  done_exit_code integer,
  done_refused text,
  done_modes text
);
-- A file (path = its workspace path) or the log (path = '', never a workspace path) in the chunks
-- it arrived in, each at the offset it continues. size is length(data), kept so the quota check
-- never reads the bytes. Bounded per run by ci.artifacts.max-run-size, checked before each insert.
CREATE TABLE upload_chunks (
  run_id text NOT NULL REFERENCES upload_runs (run_id) ON DELETE CASCADE,
  path text NOT NULL,
  offset_bytes bigint NOT NULL,
  size integer NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (run_id, path, offset_bytes)
);
