-- Retention of the controller's memory (run/MemoryRetention): a closed change's memory goes once
-- nothing was remembered of it for ci.store.retention. Answers carry their time (told_at); a refused
-- merge now does too. Refusals remembered before this migration count from the migration.
ALTER TABLE merge_refusals ADD COLUMN refused_at timestamptz NOT NULL DEFAULT now();
