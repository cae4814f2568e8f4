-- Touchpoint attributes: the normalised facts of a moment that insight rules read instead of vendor fields
-- (priority, status, owner, account, internal ...), declared per rule by the mappings' `attributes:`.
-- A JSON object of text values, e.g. {"priority": "high", "owner": "005..."}; {} when the rule declares none
-- or the record gives none. Derived like every other column: a re-derivation rewrites it from raw_record.
alter table touchpoint add column attributes jsonb not null default '{}';
