-- What tells a replica that a repository's runs are unchanged with one primary-key read (issue 16's
-- no-op reconcile; V2's count(*) and max(seq) read every index entry of the repository, and max(seq)
-- alone could miss an update whose transaction committed after a later one). Every statement that
-- inserts, updates or deletes runs gives each repository it touched a new number from the sequence,
-- in the same transaction: writers of one repository queue on its row, so a reader that sees a stamp
-- unchanged knows no write of that repository committed since it read the runs.
CREATE TABLE run_stamps (
  repo text PRIMARY KEY,
  stamp bigint NOT NULL
);

-- one function for the three triggers: each names the rows it wrote "touched"
CREATE FUNCTION runs_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO run_stamps (repo, stamp)
    SELECT repo, nextval('runs_change_seq') FROM (SELECT DISTINCT repo FROM touched ORDER BY repo) r
    ON CONFLICT (repo) DO UPDATE SET stamp = nextval('runs_change_seq');
  RETURN NULL;
END $$;

CREATE TRIGGER runs_stamp_on_insert AFTER INSERT ON runs
  REFERENCING NEW TABLE AS touched FOR EACH STATEMENT EXECUTE FUNCTION runs_stamp();
CREATE TRIGGER runs_stamp_on_update AFTER UPDATE ON runs
  REFERENCING NEW TABLE AS touched FOR EACH STATEMENT EXECUTE FUNCTION runs_stamp();
CREATE TRIGGER runs_stamp_on_delete AFTER DELETE ON runs
  REFERENCING OLD TABLE AS touched FOR EACH STATEMENT EXECUTE FUNCTION runs_stamp();

-- V2's stamp read is gone; its index only slowed every write
DROP INDEX runs_by_repo_seq;

-- runs already stored (an upgrade): each repository starts with a stamp
INSERT INTO run_stamps (repo, stamp)
  SELECT repo, nextval('runs_change_seq') FROM (SELECT DISTINCT repo FROM runs) r;

-- Where the leader answers (run/LeaderDirectory): written by each replica when it starts leading,
-- read by a follower that forwards a UI or API write to it. One row; the last leader to start wins.
CREATE TABLE leader_address (
  id integer PRIMARY KEY CHECK (id = 1),
  identity text NOT NULL,
  url text NOT NULL,
  since timestamptz NOT NULL
);
