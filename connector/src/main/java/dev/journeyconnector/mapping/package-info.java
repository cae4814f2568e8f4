/**
 * The mapping language: ops-editable YAML that says which raw source records (Salesforce, Zendesk, Mailchimp
 * maps as stored by the pull) become which touchpoints: {@link dev.journeyconnector.mapping.Condition}s over a
 * record and their {@link dev.journeyconnector.mapping.ConditionParser}, one {@link
 * dev.journeyconnector.mapping.TouchpointMapping} per source object read by {@link
 * dev.journeyconnector.mapping.MappingLoader}, the whole folder as a {@link dev.journeyconnector.mapping.MappingSet}
 * checked against the objects and fields the routes pull ({@link dev.journeyconnector.mapping.SourceFields}), and
 * {@link dev.journeyconnector.mapping.MappingProblem}s that point at file, line and path so a broken mapping is
 * fixed in one pass. Plain Java: no Camel, no store.
 */
package dev.journeyconnector.mapping;
