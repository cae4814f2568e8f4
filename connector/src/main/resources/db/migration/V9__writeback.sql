-- Write-back of findings, journey context and drift alerts (issue 6): exactly once, within a budget, with the
-- records Salesforce refused kept and listed instead of dropped.

-- How to find a record again when a crash came between sending it and storing its CRM id: the Task's marker
-- line and its WhoId, or the external id it was upserted on. Written with the 'SENDING' mark, before the call.
alter table writeback_record add column locator jsonb;
-- Rows are SENDING (in flight), WRITTEN (crm_id and content_hash are what Salesforce holds), FAILED (not written
-- for a passing reason: planned again next cycle) or DEAD (refused for good: see writeback_dead_letter).
alter table writeback_record add constraint writeback_state check (state in ('SENDING', 'WRITTEN', 'FAILED', 'DEAD'));
create index writeback_in_flight on writeback_record (kind) where state = 'SENDING';

-- Records Salesforce refused for a reason retrying cannot fix (validation rule, permission, a deleted parent).
-- Never sent again by a run; `journey writeback retry` hands them back to the next run.
create table writeback_dead_letter (
    kind         text        not null,
    record_key   text        not null,
    crm_object   text        not null,              -- Task, Journey_Finding__c, Contact
    operation    text        not null,              -- create, update, upsert
    payload      jsonb       not null,              -- the fields that were sent
    status_code  text,                              -- e.g. FIELD_CUSTOM_VALIDATION_EXCEPTION
    message      text        not null,              -- Salesforce's words
    fields       text,                              -- the fields it named, comma-separated
    failed_at    timestamptz not null default now(),
    attempts     integer     not null default 1,    -- times it was dead-lettered (retries that failed again)
    primary key (kind, record_key),
    foreign key (kind, record_key) references writeback_record (kind, record_key) on delete cascade
);

-- The write-back's own daily API budget: calls it spent per UTC day and the org's allocation as the last
-- LimitInfoHeader reported it.
create table writeback_budget (
    day        date        primary key,
    calls      bigint      not null default 0,
    org_used   bigint,
    org_limit  bigint,
    updated_at timestamptz not null default now()
);
