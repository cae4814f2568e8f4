-- Which org (and which other vendor accounts, later) the data in this store came from. A connector
-- pointed at another org must not mix its records, cursors and write-back ledger with these.
create table store_binding (
    name     text        primary key,              -- e.g. salesforce.organization
    value    text        not null,
    bound_at timestamptz not null default now()
);
