package dev.journeyconnector.sandbox.salesforce;

/**
 * A call-level SOAP fault, answered with HTTP 500 as Salesforce does. The fault code is {@code sf:CODE},
 * the faultstring {@code CODE: message}, and the detail element depends on the kind of fault
 * (partner WSDL fault types: UnexpectedErrorFault, InvalidFieldFault, MalformedQueryFault,
 * InvalidSObjectFault, InvalidIdFault, InvalidQueryLocatorFault, LoginFault).
 */
public final class SalesforceFault extends RuntimeException {
    private final String exceptionCode;
    private final String detailType;
    private final int row;
    private final int column;

    private SalesforceFault(String exceptionCode, String message, String detailType, int row, int column) {
        super(message);
        this.exceptionCode = exceptionCode;
        this.detailType = detailType;
        this.row = row;
        this.column = column;
    }

    /** A fault whose detail is {@code sf:UnexpectedErrorFault} (session, limits, operation not allowed). */
    public static SalesforceFault unexpected(String exceptionCode, String message) {
        return new SalesforceFault(exceptionCode, message, "UnexpectedErrorFault", -1, -1);
    }

    /** {@code INVALID_LOGIN}, detail {@code sf:LoginFault}. */
    public static SalesforceFault login(String message) {
        return new SalesforceFault("INVALID_LOGIN", message, "LoginFault", -1, -1);
    }

    /** {@code INVALID_QUERY_LOCATOR}, detail {@code sf:InvalidQueryLocatorFault}. */
    public static SalesforceFault invalidQueryLocator() {
        return new SalesforceFault("INVALID_QUERY_LOCATOR", "invalid query locator", "InvalidQueryLocatorFault", -1, -1);
    }

    /** An Id in the call (not in a record) is malformed: {@code sf:InvalidIdFault}. */
    public static SalesforceFault invalidId(String message) {
        return new SalesforceFault("MALFORMED_ID", message, "InvalidIdFault", -1, -1);
    }

    /**
     * A query fault, detail type chosen from the exception code as Salesforce does: INVALID_FIELD →
     * InvalidFieldFault, INVALID_TYPE → InvalidSObjectFault, MALFORMED_QUERY and other query errors →
     * MalformedQueryFault. These detail types carry row and column (-1 when unknown).
     */
    public static SalesforceFault query(String exceptionCode, String message, int row, int column) {
        String detail = switch (exceptionCode) {
            case "INVALID_FIELD" -> "InvalidFieldFault";
            case "INVALID_TYPE" -> "InvalidSObjectFault";
            default -> "MalformedQueryFault";
        };
        return new SalesforceFault(exceptionCode, message, detail, row, column);
    }

    public String exceptionCode() {
        return exceptionCode;
    }

    /** Local name of the detail element, e.g. {@code InvalidFieldFault}. */
    public String detailType() {
        return detailType;
    }

    /** True when the detail type extends ApiQueryFault and so carries row and column. */
    public boolean hasPosition() {
        return detailType.equals("InvalidFieldFault") || detailType.equals("InvalidSObjectFault")
                || detailType.equals("MalformedQueryFault");
    }

    public int row() {
        return row;
    }

    public int column() {
        return column;
    }
}
