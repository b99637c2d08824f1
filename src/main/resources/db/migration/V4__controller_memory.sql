-- The controller's memory (DESIGN.md "State"), shared by every replica so a restart or a failover
-- neither answers a command again nor retries a refused merge (run/ControllerMemory).
-- The answer told to each served /test or /retest, on the head it was served at.
CREATE TABLE told_answers (
  repo text NOT NULL,
  change_number bigint NOT NULL,
  request_key text NOT NULL,
  head text NOT NULL,
  told_at timestamptz NOT NULL,
  line text NOT NULL,
  PRIMARY KEY (repo, change_number, request_key)
);
-- The last merge of each change the forge refused, on which head and base, and why.
CREATE TABLE merge_refusals (
  repo text NOT NULL,
  change_number bigint NOT NULL,
  head_sha text NOT NULL,
  base_sha text NOT NULL,
  reason text NOT NULL,
  PRIMARY KEY (repo, change_number)
);
-- Callback deliveries queued or waiting out a backoff (run/DeliveryStore): a new leader sends them.
-- seq orders them by when they were first queued (the oldest goes when the queue is full). The
-- secret itself is never stored: secret_setting names the deployment setting that holds it.
CREATE TABLE callback_deliveries (
  seq bigserial PRIMARY KEY,
  id text NOT NULL UNIQUE,
  event text NOT NULL,
  url text NOT NULL,
  secret_setting text NOT NULL,
  -- text, not jsonb: the report keeps its keys in the order it was written
  payload text NOT NULL,
  context text NOT NULL,
  attempt integer NOT NULL,
  due timestamptz NOT NULL
);
