-- What tells a replica that a repository's runs are unchanged without reading them (issue 16's no-op
-- reconcile): every insert and update takes a new number from one sequence, so a repository's
-- (count, max(seq)) moves on every create, update and delete of its runs.
CREATE SEQUENCE runs_change_seq;
ALTER TABLE runs ADD COLUMN seq bigint NOT NULL DEFAULT nextval('runs_change_seq');
CREATE INDEX runs_by_repo_seq ON runs (repo, seq);
