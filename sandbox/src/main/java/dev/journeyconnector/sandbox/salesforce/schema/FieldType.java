package dev.journeyconnector.sandbox.salesforce.schema;

import java.util.Locale;

/**
 * Salesforce field types as describeSObject reports them ({@code type}) with the XML schema type the
 * SOAP API uses for values of that type ({@code soapType}).
 *
 * <p>Java value conventions inside the sandbox (records are {@code Map<String, Object>}):
 * ID, REFERENCE and every text-like type hold {@link String}; BOOLEAN holds {@link Boolean}; INT holds
 * {@link Long}; DOUBLE, CURRENCY and PERCENT hold {@link java.math.BigDecimal}; DATE holds
 * {@link java.time.LocalDate}; DATETIME holds {@link java.time.Instant} (UTC). A missing key and a
 * {@code null} value both mean the field is empty (nil on the wire).
 */
public enum FieldType {
    ID("id", "tns:ID"),
    REFERENCE("reference", "tns:ID"),
    STRING("string", "xsd:string"),
    TEXTAREA("textarea", "xsd:string"),
    EMAIL("email", "xsd:string"),
    PHONE("phone", "xsd:string"),
    URL("url", "xsd:string"),
    PICKLIST("picklist", "xsd:string"),
    MULTIPICKLIST("multipicklist", "xsd:string"),
    COMBOBOX("combobox", "xsd:string"),
    BOOLEAN("boolean", "xsd:boolean"),
    INT("int", "xsd:int"),
    DOUBLE("double", "xsd:double"),
    CURRENCY("currency", "xsd:double"),
    PERCENT("percent", "xsd:double"),
    DATE("date", "xsd:date"),
    DATETIME("datetime", "xsd:dateTime");

    private final String apiName;
    private final String soapType;

    FieldType(String apiName, String soapType) {
        this.apiName = apiName;
        this.soapType = soapType;
    }

    /** The name describeSObject reports, e.g. {@code datetime}. */
    public String apiName() {
        return apiName;
    }

    /** The XML schema type of values on the wire, e.g. {@code xsd:dateTime}. */
    public String soapType() {
        return soapType;
    }

    public boolean isText() {
        return switch (this) {
            case ID, REFERENCE, STRING, TEXTAREA, EMAIL, PHONE, URL, PICKLIST, MULTIPICKLIST, COMBOBOX -> true;
            default -> false;
        };
    }

    public boolean isNumeric() {
        return this == INT || this == DOUBLE || this == CURRENCY || this == PERCENT;
    }

    public static FieldType fromApiName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (FieldType t : values()) {
            if (t.apiName.equals(wanted)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown Salesforce field type '" + name + "'");
    }
}
