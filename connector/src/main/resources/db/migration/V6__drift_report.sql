-- The latest drift report (docs/journey-map.md): how far the journey data has moved from the journey
-- model, computed after each derivation from the stored touchpoints, customers and unmapped records.
-- One row, replaced each time, so the run summary, the ops console or a script can read the last report
-- without recomputing it. Derived like touchpoint: computing it again from the store gives it back.
create table drift_report (
    id          boolean          primary key default true check (id),
    score       numeric(4, 3)    not null check (score between 0 and 1),  -- rounded to three decimals, as compared
    threshold   double precision not null check (threshold between 0 and 1), -- JOURNEY_DRIFT_THRESHOLD then
    alert       boolean          not null,       -- score above threshold
    computed_at timestamptz      not null,       -- the report's time: what "unseen for N days" counted back from
    report      jsonb            not null        -- the whole DriftReport (insight.DriftReport as JSON)
);
