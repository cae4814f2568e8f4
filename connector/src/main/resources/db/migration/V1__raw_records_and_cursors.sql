-- Raw records exactly as each source sent them, latest version per record. Later stages (mapping,
-- identity, insights) read from here, so changing a mapping never needs a re-pull.
create table raw_record (
    source        text        not null,              -- salesforce, zendesk, mailchimp
    object_type   text        not null,              -- Contact, Case, ticket, member ...
    record_id     text        not null,
    version_time  timestamptz not null,              -- the source's modification stamp (SystemModstamp ...)
    deleted       boolean     not null default false,
    payload       jsonb       not null,
    first_seen_at timestamptz not null default now(),
    stored_at     timestamptz not null default now(),
    primary key (source, object_type, record_id)
);
create index raw_record_by_version on raw_record (source, object_type, version_time);

-- Where each incremental pull resumes. Written in the same transaction as the records it covers.
create table source_cursor (
    source      text        not null,
    object_type text        not null,
    position    jsonb       not null,
    updated_at  timestamptz not null default now(),
    primary key (source, object_type)
);

-- Every record the connector wrote into a CRM, by our own key, so a write happens once and is repeated
-- only when its content changed.
create table writeback_record (
    kind         text        not null,              -- journey-summary, finding ...
    record_key   text        not null,              -- e.g. the Contact Id the summary is about
    crm_object   text        not null,              -- Task ...
    crm_id       text,                              -- null while a create is in flight
    content_hash text        not null,
    state        text        not null,              -- sending, written, failed
    last_error   text,
    updated_at   timestamptz not null default now(),
    primary key (kind, record_key)
);

-- One row per run of the connector: what it pulled, wrote and spent.
create table connector_run (
    id          bigserial   primary key,
    started_at  timestamptz not null,
    finished_at timestamptz,
    mode        text        not null,
    summary     jsonb
);
