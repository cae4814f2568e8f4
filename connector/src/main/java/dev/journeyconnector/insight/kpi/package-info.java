/**
 * Journey KPIs and path variants over a period: how many customers reach each stage, how many move on to the
 * next, how long they stay, how fast support answers against its SLA, how satisfied customers say they are,
 * how they react to campaign emails, how many findings they produce, and the most frequent journeys they take.
 *
 * <p>{@link dev.journeyconnector.insight.kpi.KpiCalculator} is plain Java over plain records: customers with
 * their touchpoints in the period ({@link dev.journeyconnector.insight.kpi.KpiCustomer}) and finding rows
 * ({@link dev.journeyconnector.insight.kpi.FindingRow}). It keeps only small per-persona tallies, so a store
 * reader can stream customers into it one at a time. No Camel, no SQL: the same numbers come out of a test, the
 * command line ({@code journey kpis}) and, later, the ops console. docs/kpis.md defines every KPI and its
 * denominator for an ops admin.
 */
package dev.journeyconnector.insight.kpi;
