-- An Account's Contacts, for the customers of that Account (HistoryStore): the insight rules about the Account's
-- handoffs (won-not-onboarded, support-blind-to-deal) read the touchpoints of the customer's colleagues.
create index raw_record_contact_account on raw_record ((payload ->> 'AccountId'))
    where source = 'salesforce' and object_type = 'Contact';
