-- Journey touchpoints derived from raw records by the mappings. Derived, not pulled: a re-derivation
-- rewrites them from raw_record, so this table holds no fact that raw_record and the mappings do not.
--
-- The primary key is the touchpoint's natural key (Touchpoint.Key: source/object/record/type), stable
-- across runs, so storing the same derivation twice is an upsert that writes nothing, and a record's
-- touchpoints can be found (and pruned) by (source, object_type, record_id), a prefix of the key.
create table touchpoint (
    source       text        not null,              -- salesforce, zendesk, mailchimp (Source.wireName)
    object_type  text        not null,              -- Case, ticket, campaign ...
    record_id    text        not null,              -- the record's id in its source
    type         text        not null,              -- case-opened, ticket-first-reply, campaign-click ...
    customer_key text,                              -- null until identity resolution has run
    stage        text        not null,              -- names from the vocabulary
    channel      text        not null,
    department   text        not null,
    device       text        not null,
    sentiment    text        not null,              -- positive, neutral, negative
    occurred_at  timestamptz not null,              -- by the source's clock
    title        text        not null,              -- may be empty
    deep_link    text,                              -- null when the source system's settings are unknown
    derived_at   timestamptz not null default now(), -- when this content was last written
    primary key (source, object_type, record_id, type)
);

-- A customer's timeline: equality on customer_key, then exactly the order the timeline is read in
-- (occurred_at, then the key as tie-breaker so equal times come back in a stable order). With the key
-- columns in the index the query is one ordered index range scan with no sort step, however long the
-- history. Unresolved touchpoints (null customer_key) are never read by customer, so they stay out.
create index touchpoint_timeline on touchpoint (customer_key, occurred_at, source, object_type, record_id, type)
    where customer_key is not null;
