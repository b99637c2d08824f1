-- The merge queue of each target branch (docs/merge-queue.md), shared by every replica so a new leader
-- continues the queues where the last one left them. One row per (repository, branch): the queue's
-- order, its bisection groups, its built batches and its rejections as the same JSON the file store
-- writes; last_batch and length beside it for people querying the database.
CREATE TABLE merge_queues (
  repo text NOT NULL,
  branch text NOT NULL,
  last_batch bigint NOT NULL,
  length integer NOT NULL,
  state jsonb NOT NULL,
  PRIMARY KEY (repo, branch)
);
