-- The run store shared by every replica (DESIGN.md "State"). One row per run; the record itself is
-- the same JSON the file store writes, and the columns beside it are what the API and the UI query.
CREATE TABLE runs (
  id text PRIMARY KEY,
  repo text NOT NULL,
  change_number bigint NOT NULL,
  job text NOT NULL,
  state text NOT NULL,
  queued_at timestamptz NOT NULL,
  finished_at timestamptz,
  -- bumped on every write, so a reader can tell an unchanged record without parsing it
  version bigint NOT NULL DEFAULT 1,
  record jsonb NOT NULL
);
-- keyset pagination, newest first: (queued_at, id) is unique and stable
CREATE INDEX runs_by_change ON runs (repo, change_number, queued_at DESC, id DESC);
CREATE INDEX runs_by_job ON runs (repo, job, queued_at DESC, id DESC);
CREATE INDEX runs_by_state ON runs (state, queued_at DESC, id DESC);
CREATE INDEX runs_by_time ON runs (queued_at DESC, id DESC);
CREATE INDEX runs_by_repo_id ON runs (repo, id);
-- retention: finished runs, oldest first
CREATE INDEX runs_finished ON runs (finished_at) WHERE finished_at IS NOT NULL;

-- A run's log in chunks as they were appended; log_heads holds its size and whether it was cut.
CREATE TABLE log_heads (
  run_id text PRIMARY KEY,
  size bigint NOT NULL,
  truncated boolean NOT NULL DEFAULT false
);
CREATE TABLE log_chunks (
  run_id text NOT NULL,
  start_offset bigint NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (run_id, start_offset)
);

-- What the loop saw last per repository (branch tips and schedule checks), as JSON.
CREATE TABLE watermarks (
  repo text PRIMARY KEY,
  content jsonb NOT NULL
);
