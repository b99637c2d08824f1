-- The artifact store shared by the replicas (artifact/PostgresShelf, ci.artifacts.store=database, the
-- default with ci.store.kind=postgres): whichever replica leads when a downstream job starts, or
-- serves a download, finds what another collected. Each replica keeps a verified copy of the blobs
-- it read on its own disk (ci.artifacts.dir); these tables are the truth.
--
-- One row per distinct content, inserted in the same transaction as its chunks: a row that can be
-- seen is whole. touched_at moves whenever a collection refers to the content again, so expiry
-- (which only deletes content no manifest names and nobody touched since the retention's cutoff)
-- never deletes what a collection in progress is about to name.
CREATE TABLE artifact_blobs (
  digest text PRIMARY KEY,
  size bigint NOT NULL,
  touched_at timestamptz NOT NULL
);
-- The content in the order it is read, a chunk (at most 1 MiB) per row.
CREATE TABLE artifact_chunks (
  digest text NOT NULL REFERENCES artifact_blobs (digest) ON DELETE CASCADE,
  seq integer NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (digest, seq)
);
-- A run's manifest (artifact/Manifest as JSON), and which content it names, for expiry.
CREATE TABLE artifact_runs (
  run_id text PRIMARY KEY,
  collected_at timestamptz NOT NULL,
  published boolean NOT NULL,
  manifest text NOT NULL
);
CREATE INDEX artifact_runs_expiry ON artifact_runs (collected_at) WHERE NOT published;
CREATE TABLE artifact_refs (
  run_id text NOT NULL REFERENCES artifact_runs (run_id) ON DELETE CASCADE,
  digest text NOT NULL,
  PRIMARY KEY (run_id, digest)
);
CREATE INDEX artifact_refs_digest ON artifact_refs (digest);
