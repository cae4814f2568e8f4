package dev.journeyconnector.salesforce.client;

/**
 * Daily API request usage as last reported by Salesforce in the SOAP LimitInfoHeader
 * (type "API REQUESTS"; https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/limitinfo_header.htm).
 * Both values are -1 while no header has been seen.
 */
public record ApiUsage(long used, long limit) {
    public static final ApiUsage UNKNOWN = new ApiUsage(-1, -1);

    public boolean known() {
        return used >= 0 && limit > 0;
    }

    /** Fraction of the daily allowance used, or NaN when unknown. */
    public double fractionUsed() {
        return known() ? (double) used / limit : Double.NaN;
    }
}
