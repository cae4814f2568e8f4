/**
 * The Mailchimp Marketing API v3 client: the only code that speaks HTTP to Mailchimp. The Camel component
 * above it sees {@link dev.journeyconnector.mailchimp.client.MailchimpClient} and plain maps.
 */
package dev.journeyconnector.mailchimp.client;
