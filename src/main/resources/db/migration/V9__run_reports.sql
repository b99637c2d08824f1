-- The whole report of each run (reports/ReportStore: every test case and finding up to the limits, as
-- JSON), in the shared store with ci.store.kind=postgres, so whichever replica serves
-- GET /api/v1/runs/{id}/tests and /findings, or leads after a failover, has the reports of every
-- run. Deleted with its run (store retention).
CREATE TABLE run_reports (
  run_id text PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  report text NOT NULL
);
