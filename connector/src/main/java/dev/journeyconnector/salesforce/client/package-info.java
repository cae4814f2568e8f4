/**
 * The Salesforce client: the only code that touches force-wsc (Partner SOAP API).
 *
 * <p>Entry point: {@link dev.journeyconnector.salesforce.client.SalesforceClients#connect}. Callers get
 * {@link dev.journeyconnector.salesforce.client.SalesforceClient} with plain, typed Java values and unchecked
 * {@link dev.journeyconnector.salesforce.client.SalesforceException}s whose
 * {@link dev.journeyconnector.salesforce.client.FailureKind} decides retry, pause or dead letter.
 * SOQL is assembled only from {@link dev.journeyconnector.salesforce.client.FieldList} names and
 * {@link dev.journeyconnector.salesforce.client.Soql} literals.
 */
package dev.journeyconnector.salesforce.client;
