/**
 * The mapping language: ops-editable YAML that says which raw source records (Salesforce, Zendesk, Mailchimp
 * maps as stored by the pull) become which touchpoints. This package holds its foundation: {@link
 * dev.journeyconnector.mapping.Condition}s over a record, {@link dev.journeyconnector.mapping.ConditionParser}
 * for their YAML, and {@link dev.journeyconnector.mapping.MappingProblem}s that point at file, line and path so
 * a broken mapping is fixed in one pass. Plain Java: no Camel, no store.
 */
package dev.journeyconnector.mapping;
