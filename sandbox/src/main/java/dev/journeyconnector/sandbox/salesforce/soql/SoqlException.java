package dev.journeyconnector.sandbox.salesforce.soql;

/**
 * A query the simulated org refuses, carrying what the SOAP layer needs to write an ApiQueryFault:
 * the exception code, the message and, when the problem has a place in the query, its row and column.
 *
 * <p>The message copies Salesforce's shape, as in the recorded fault
 * {@code fixtures/salesforce/www-salesforce_invalid_field_fault.xml}: a newline, the query line, a caret
 * under the offending column, {@code ERROR at Row:r:Column:c}, then the detail sentence.
 */
public final class SoqlException extends RuntimeException {

    /** The query text could not be parsed. */
    public static final String MALFORMED_QUERY = "MALFORMED_QUERY";
    /** A field, relationship or filter value the object does not allow. */
    public static final String INVALID_FIELD = "INVALID_FIELD";
    /** The FROM object does not exist. */
    public static final String INVALID_TYPE = "INVALID_TYPE";
    /** An operator the field type does not support, or a malformed Id in a filter. */
    public static final String INVALID_QUERY_FILTER_OPERATOR = "INVALID_QUERY_FILTER_OPERATOR";

    private final String exceptionCode;
    private final int row;
    private final int column;

    private SoqlException(String exceptionCode, String message, int row, int column) {
        super(message);
        this.exceptionCode = exceptionCode;
        this.row = row;
        this.column = column;
    }

    /** A problem at character {@code offset} (0-based) of {@code soql}. */
    static SoqlException at(String exceptionCode, String soql, int offset, String detail) {
        int row = 1;
        int lineStart = 0;
        int safeOffset = Math.max(0, Math.min(offset, soql.length()));
        for (int i = 0; i < safeOffset; i++) {
            if (soql.charAt(i) == '\n') {
                row++;
                lineStart = i + 1;
            }
        }
        int lineEnd = soql.indexOf('\n', lineStart);
        String line = soql.substring(lineStart, lineEnd < 0 ? soql.length() : lineEnd);
        int column = safeOffset - lineStart + 1;
        String message = "\n" + line + "\n" + " ".repeat(column - 1) + "^\nERROR at Row:" + row + ":Column:" + column
                + "\n" + detail;
        return new SoqlException(exceptionCode, message, row, column);
    }

    /** The Salesforce fault code, e.g. {@code INVALID_FIELD}; the SOAP layer writes it as {@code sf:exceptionCode}. */
    public String exceptionCode() {
        return exceptionCode;
    }

    /** 1-based row of the offending token, as in {@code <sf:row>}. */
    public int row() {
        return row;
    }

    /** 1-based column of the offending token, as in {@code <sf:column>}. */
    public int column() {
        return column;
    }
}
