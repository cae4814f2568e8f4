/**
 * The sandbox's SOQL engine: enough of Salesforce's query language for the unmodified force-wsc client and
 * the connector's pull routes to run against the simulated org.
 *
 * <p>Use: {@code SoqlQuery q = SoqlQuery.parse(soql)}, then {@code new SoqlEngine(dataSource).execute(q, queryAll)}
 * for rows or {@code count(q, queryAll)} for COUNT() and the QueryResult size. Failures are
 * {@link dev.journeyconnector.sandbox.salesforce.soql.SoqlException}s carrying Salesforce's exception code,
 * message, row and column, ready for an ApiQueryFault.
 *
 * <p>Supported: field lists with parent paths (also polymorphic, resolved by Id key prefix), COUNT(), WHERE with
 * = != &lt;&gt; &lt; &gt; &lt;= &gt;= LIKE IN NOT IN, AND / OR / NOT and parentheses, string, number, boolean, null,
 * date, dateTime literals and TODAY, YESTERDAY, TOMORROW, LAST_N_DAYS:n, NEXT_N_DAYS:n; ORDER BY with ASC/DESC and
 * NULLS FIRST/LAST; LIMIT.
 *
 * <p>Not supported, refused with MALFORMED_QUERY "unexpected token": child sub-queries and semi-joins, aggregate
 * functions other than COUNT(), GROUP BY, HAVING, OFFSET, FOR UPDATE / VIEW, TYPEOF, INCLUDES / EXCLUDES, other
 * date literals (THIS_WEEK ...), bind variables. The object-name prefix ({@code Contact.Name} FROM Contact) is read
 * as a relationship and refused with INVALID_FIELD.
 */
package dev.journeyconnector.sandbox.salesforce.soql;
