-- Findings (pain points and handoff gaps) the insight rules produced from the stored journey, and what the
-- incremental evaluation needs to re-evaluate only the customers whose findings can have changed.

-- One row per finding, by its stable key (rule + customer + anchor record). Evaluating a customer again
-- writes only what changed: an unchanged finding (same content_hash, same state) is not touched, one the
-- rules no longer produce is RESOLVED (resolved_at: when its condition cleared), a resolved one that fires
-- again is reopened. Findings are never deleted by an evaluation, so their history stays readable.
create table finding (
    finding_key     text        primary key,        -- rule/customer/anchor (Finding.key)
    customer_key    text        not null,           -- customer.customer_key when it was evaluated
    persona_id      text        not null,
    rule_id         text        not null,           -- repeat-contact, won-not-onboarded ...
    kind            text        not null,           -- pain-point, handoff-gap
    severity        text        not null,           -- low, medium, high, critical
    title           text        not null,
    explanation     text        not null,           -- plain words with the numbers
    evidence        jsonb       not null,           -- [{at, what, link, touchpoint}], in time order
    handoff_from    text,                           -- gaps: the department, channel or device the customer came from
    handoff_to      text,                           -- ... and went to; null for pain points
    actor_id        text,                           -- who should act: a Salesforce User Id
    actor_role      text,                           -- e.g. case owner, opportunity owner
    actor_reason    text,                           -- why that person
    detected_at     timestamptz not null,           -- when the condition arose, as the rule says
    state           text        not null,           -- open, resolved
    resolved_at     timestamptz,                    -- when the condition cleared; null while open
    held_for_review boolean     not null default false, -- the customer is a candidate on the identity review list:
                                                    -- kept, shown, but not to be written back until decided
    first_seen_at   timestamptz not null default now(),
    updated_at      timestamptz not null default now(), -- when this row last changed
    content_hash    text        not null,           -- over everything above but the bookkeeping columns
    constraint finding_state check (state in ('open', 'resolved')),
    constraint finding_resolved check ((state = 'resolved') = (resolved_at is not null))
);
create index finding_by_customer on finding (customer_key);
create index finding_held on finding (customer_key) where held_for_review;
create index finding_by_rule on finding (rule_id, state);

-- Where the evaluation stands: the rules (file and code) it last ran with, and the touchpoint/customer
-- derived_at up to which changes are evaluated. One row.
create table insight_state (
    id                boolean     primary key default true check (id),
    rules_fingerprint text        not null,         -- a change means every customer is evaluated again
    watermark         timestamptz not null,         -- touchpoints and customers derived after this are not evaluated yet
    evaluated_at      timestamptz not null default now()
);

-- Customers whose findings time alone can change: the next moment a deadline some rule counts from one of
-- their moments passes (an SLA, a follow-up window), so an incremental evaluation picks them up then even if
-- nothing new arrived. A customer with no deadline ahead has no row.
create table evaluation_due (
    customer_key text        primary key,
    due_at       timestamptz not null
);
create index evaluation_due_at on evaluation_due (due_at);

-- Customers that lost a touchpoint (deleted, or given to another customer by identity resolution), or that
-- identity resolution no longer has: the touchpoint's derived_at names the new customer only, so the old one
-- is noted here by trigger and evaluated again (or its findings resolved) next time. Emptied by the
-- evaluation that takes them.
create table evaluation_request (
    customer_key text        primary key,
    requested_at timestamptz not null default now()
);

create function request_evaluation_of_old_customer() returns trigger language plpgsql as $$
begin
    insert into evaluation_request (customer_key, requested_at) values (old.customer_key, now())
        on conflict (customer_key) do update set requested_at = excluded.requested_at;
    return null;
end
$$;

create trigger touchpoint_left_customer after update of customer_key on touchpoint for each row
    when (old.customer_key is not null and old.customer_key is distinct from new.customer_key)
    execute function request_evaluation_of_old_customer();
create trigger touchpoint_deleted after delete on touchpoint for each row
    when (old.customer_key is not null)
    execute function request_evaluation_of_old_customer();
-- A customer identity resolution no longer has (merged away, deleted): its open findings must be resolved.
create trigger customer_deleted after delete on customer for each row
    execute function request_evaluation_of_old_customer();

-- The incremental evaluation's "what changed since" questions, answered from an index, not a scan.
create index touchpoint_by_derived_at on touchpoint (derived_at);
create index customer_by_derived_at on customer (derived_at);
-- An Account's opportunities, for the customers of that Account (HistoryLoader).
create index raw_record_opportunity_account on raw_record ((payload ->> 'AccountId'))
    where source = 'salesforce' and object_type = 'Opportunity';
