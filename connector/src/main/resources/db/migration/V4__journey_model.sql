-- What the running connector derives from raw_record with the journey model (mappings/): customers,
-- the identity review list, the records the model could not map, and where the last derivation stopped.
-- Like touchpoint, all of it is derived: re-derivation rewrites it from raw_record and the mappings.

-- One row per customer identity resolution found: a surviving Salesforce Contact, an unconverted Lead,
-- or a prospect known only to the help desk or the mailing lists. customer_key is the key touchpoints
-- carry (sf:<Contact Id>, sf:<Lead Id>, prospect:<email>, prospect:<source>/<object>/<id>).
create table customer (
    customer_key       text        primary key,
    kind               text        not null,        -- contact, lead, prospect
    persona_id         text        not null,        -- from mappings/personas.yaml; the default when no rule fires
    anchor_source      text        not null,        -- the record the customer is anchored on: the Contact,
    anchor_object_type text        not null,        -- the Lead, or for a prospect its first record
    anchor_record_id   text        not null,        -- (joins raw_record by its key)
    derived_at         timestamptz not null default now()  -- when this row's content last changed
);

-- Records whose email names more than one person: given to nobody until someone decides. Their
-- touchpoints stay without a customer.
create table identity_review (
    source      text        not null,
    object_type text        not null,
    record_id   text        not null,
    email       text        not null,               -- normalised
    candidates  text[]      not null,               -- Salesforce Contact (or Lead) Ids, sorted
    derived_at  timestamptz not null default now(),
    primary key (source, object_type, record_id)
);

-- Records of a mapped object the model did not turn into touchpoints, for the drift report: a rule that
-- fired but could not make a touchpoint (rule_type set, e.g. a missing date), or no rule at all
-- (rule_type null, reason "no rule matched"). The record itself is read from raw_record by its key.
create table unmapped_record (
    source      text        not null,
    object_type text        not null,
    record_id   text        not null,
    rule_type   text,                               -- null: no rule matched the record
    reason      text        not null,
    derived_at  timestamptz not null default now()
);
create unique index unmapped_record_key on unmapped_record (source, object_type, record_id, coalesce(rule_type, ''));

-- The customer links of every derived record (its mapping's `customer:` fields, resolved to values), so
-- identity can be re-resolved and customers re-assigned each cycle without re-reading every payload.
-- links is a JSON array of [kind, value] pairs in the mapping's order, e.g. [["contact","003..."]].
create table derived_record (
    source      text        not null,
    object_type text        not null,
    record_id   text        not null,
    links       jsonb       not null,
    derived_at  timestamptz not null default now(),
    primary key (source, object_type, record_id)
);

-- Where derivation stands: the journey model and deep-link settings it used (a change of either means
-- re-deriving everything stored), and the raw_record.stored_at up to which records are derived. One row.
create table derivation_state (
    id                  boolean     primary key default true check (id),
    mapping_fingerprint text        not null,       -- MappingSet.fingerprint()
    link_settings       text        not null,       -- the deep-link hosts touchpoints were built with
    watermark           timestamptz not null,       -- raw records stored after this are not derived yet
    derived_at          timestamptz not null default now()
);
