package dev.journeyconnector.sandbox.salesforce;

import dev.journeyconnector.sandbox.salesforce.schema.FieldType;
import dev.journeyconnector.sandbox.salesforce.schema.SField;
import dev.journeyconnector.sandbox.salesforce.schema.SObjectType;

import java.util.List;
import java.util.Map;

/**
 * Writes Partner API response envelopes in the shape real Salesforce sends (see the recorded samples in
 * src/test/resources/fixtures/salesforce): default namespace {@code urn:partner.soap.sforce.com}, record
 * fields in {@code urn:sobject.partner.soap.sforce.com} with prefix {@code sf}, faults with detail in
 * {@code urn:fault.partner.soap.sforce.com}. Elements of the result types follow the partner WSDL's sequence
 * order, which force-wsc's generated parsers require.
 */
final class SoapResponses {
    private static final String ENVELOPE_OPEN = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
            + " xmlns=\"urn:partner.soap.sforce.com\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
            + " xmlns:sf=\"urn:sobject.partner.soap.sforce.com\">";

    private SoapResponses() {
    }

    /** A success envelope with the LimitInfoHeader (API REQUESTS current/limit) and {@code body} in the Body. */
    static String envelope(long apiUsed, long apiLimit, CharSequence body) {
        return ENVELOPE_OPEN + "<soapenv:Header><LimitInfoHeader><limitInfo><current>" + apiUsed + "</current><limit>"
                + apiLimit + "</limit><type>API REQUESTS</type></limitInfo></LimitInfoHeader></soapenv:Header>"
                + "<soapenv:Body>" + body + "</soapenv:Body></soapenv:Envelope>";
    }

    static String fault(SalesforceFault f) {
        String message = esc(f.getMessage());
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:sf=\"urn:fault.partner.soap.sforce.com\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + "<soapenv:Body><soapenv:Fault>");
        b.append("<faultcode>sf:").append(f.exceptionCode()).append("</faultcode>");
        b.append("<faultstring>").append(f.exceptionCode()).append(": ").append(message).append("</faultstring>");
        b.append("<detail><sf:").append(f.detailType()).append(" xsi:type=\"sf:").append(f.detailType()).append("\">");
        b.append("<sf:exceptionCode>").append(f.exceptionCode()).append("</sf:exceptionCode>");
        b.append("<sf:exceptionMessage>").append(message).append("</sf:exceptionMessage>");
        if (f.hasPosition()) {
            b.append("<sf:row>").append(f.row()).append("</sf:row><sf:column>").append(f.column()).append("</sf:column>");
        }
        b.append("</sf:").append(f.detailType()).append("></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>");
        return b.toString();
    }

    static String queryResult(String operation, QueryExecutor.Result result, List<Map<String, Object>> page,
                              String locator, boolean done) {
        StringBuilder b = new StringBuilder("<").append(operation).append("Response><result xsi:type=\"QueryResult\">");
        b.append("<done>").append(done).append("</done>");
        if (locator == null) {
            b.append("<queryLocator xsi:nil=\"true\"/>");
        } else {
            b.append("<queryLocator>").append(locator).append("</queryLocator>");
        }
        for (Map<String, Object> row : page) {
            b.append("<records xsi:type=\"sf:sObject\">");
            sObjectBody(b, result.sObjectType(), row);
            b.append("</records>");
        }
        b.append("<size>").append(result.count()).append("</size></result></").append(operation).append("Response>");
        return b.toString();
    }

    /**
     * {@code <sf:type>}, then {@code <sf:Id>} (nil when Id was not selected), then every selected field in
     * order, so a selected Id appears twice exactly as in real responses. Nested maps are parent relationships.
     */
    private static void sObjectBody(StringBuilder b, String type, Map<String, Object> row) {
        Object t = row.get("type");
        b.append("<sf:type>").append(esc(t instanceof String s ? s : type)).append("</sf:type>");
        Object id = row.get("Id");
        if (id == null) {
            b.append("<sf:Id xsi:nil=\"true\"/>");
        } else {
            b.append("<sf:Id>").append(esc(String.valueOf(id))).append("</sf:Id>");
        }
        for (Map.Entry<String, Object> e : row.entrySet()) {
            String name = e.getKey();
            Object v = e.getValue();
            if (name.equals("type")) {
                continue;
            }
            if (v == null) {
                b.append("<sf:").append(name).append(" xsi:nil=\"true\"/>");
            } else if (v instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> parent = (Map<String, Object>) m;
                b.append("<sf:").append(name).append(" xsi:type=\"sf:sObject\">");
                sObjectBody(b, name, parent);
                b.append("</sf:").append(name).append(">");
            } else if (!(v instanceof List)) {
                b.append("<sf:").append(name).append(">").append(esc(FieldValues.format(v))).append("</sf:").append(name).append(">");
            }
        }
    }

    static String saveResults(String operation, List<SaveOutcome> outcomes) {
        StringBuilder b = new StringBuilder("<").append(operation).append("Response>");
        for (SaveOutcome o : outcomes) {
            b.append("<result>");
            if (operation.equals("upsert")) {
                b.append("<created>").append(o.created()).append("</created>");
            }
            for (RecordError e : o.errors()) {
                b.append("<errors>");
                for (String f : e.fields()) {
                    b.append("<fields>").append(esc(f)).append("</fields>");
                }
                b.append("<message>").append(esc(e.message())).append("</message>");
                b.append("<statusCode>").append(e.statusCode()).append("</statusCode></errors>");
            }
            if (o.id() == null) {
                b.append("<id xsi:nil=\"true\"/>");
            } else {
                b.append("<id>").append(o.id()).append("</id>");
            }
            b.append("<success>").append(o.success()).append("</success></result>");
        }
        return b.append("</").append(operation).append("Response>").toString();
    }

    static String loginResult(String baseUrl, String version, String organizationId, String sessionId,
                              CharSequence userInfo, String userId) {
        String org15 = organizationId.substring(0, 15);
        return "<loginResponse><result>"
                + "<metadataServerUrl>" + esc(baseUrl) + "/services/Soap/m/" + version + "/" + org15 + "</metadataServerUrl>"
                + "<passwordExpired>false</passwordExpired><sandbox>true</sandbox>"
                + "<serverUrl>" + esc(baseUrl) + "/services/Soap/u/" + version + "/" + org15 + "</serverUrl>"
                + "<sessionId>" + sessionId + "</sessionId><userId>" + userId + "</userId>"
                + "<userInfo>" + userInfo + "</userInfo></result></loginResponse>";
    }

    /** The GetUserInfoResult elements, in WSDL order. */
    static String userInfo(String organizationId, String orgName, Map<String, Object> user, long sessionSeconds) {
        return "<accessibilityMode>false</accessibilityMode><chatterExternal>false</chatterExternal>"
                + "<currencySymbol>$</currencySymbol><orgAttachmentFileSizeLimit>5242880</orgAttachmentFileSizeLimit>"
                + "<orgDefaultCurrencyIsoCode>USD</orgDefaultCurrencyIsoCode><orgDefaultCurrencyLocale>en_US</orgDefaultCurrencyLocale>"
                + "<orgDisallowHtmlAttachments>false</orgDisallowHtmlAttachments><orgHasPersonAccounts>false</orgHasPersonAccounts>"
                + "<organizationId>" + organizationId + "</organizationId><organizationMultiCurrency>false</organizationMultiCurrency>"
                + "<organizationName>" + esc(orgName) + "</organizationName><profileId>00eJx0000000001AAA</profileId>"
                + "<roleId xsi:nil=\"true\"/><sessionSecondsValid>" + sessionSeconds + "</sessionSecondsValid>"
                + "<userDefaultCurrencyIsoCode xsi:nil=\"true\"/>"
                + "<userEmail>" + esc(str(user.get("Email"))) + "</userEmail>"
                + "<userFullName>" + esc(str(user.get("Name"))) + "</userFullName>"
                + "<userId>" + user.get("Id") + "</userId><userLanguage>en_US</userLanguage><userLocale>en_US</userLocale>"
                + "<userName>" + esc(str(user.get("Username"))) + "</userName><userTimeZone>America/Los_Angeles</userTimeZone>"
                + "<userType>Standard</userType><userUiSkin>Theme3</userUiSkin>";
    }

    static String describeSObject(SObjectType t) {
        StringBuilder b = new StringBuilder();
        b.append("<activateable>false</activateable><associateEntityType xsi:nil=\"true\"/>")
                .append("<associateParentEntity xsi:nil=\"true\"/><compactLayoutable>true</compactLayoutable>")
                .append("<createable>").append(t.createable()).append("</createable>")
                .append("<custom>").append(t.custom()).append("</custom><customSetting>false</customSetting>")
                .append("<deepCloneable>false</deepCloneable><defaultImplementation xsi:nil=\"true\"/>")
                .append("<deletable>").append(t.deletable()).append("</deletable>")
                .append("<deprecatedAndHidden>false</deprecatedAndHidden><feedEnabled>false</feedEnabled>");
        for (SField f : t.fields()) {
            field(b, f);
        }
        b.append("<hasSubtypes>false</hasSubtypes><idEnabled>true</idEnabled><implementedBy xsi:nil=\"true\"/>")
                .append("<implementsInterfaces xsi:nil=\"true\"/><isInterface>false</isInterface><isSubtype>false</isSubtype>")
                .append("<keyPrefix>").append(t.keyPrefix()).append("</keyPrefix>")
                .append("<label>").append(esc(t.label())).append("</label>")
                .append("<labelPlural>").append(esc(t.labelPlural())).append("</labelPlural>")
                .append("<layoutable>true</layoutable><mergeable>false</mergeable><mruEnabled>true</mruEnabled>")
                .append("<name>").append(t.name()).append("</name><networkScopeFieldName xsi:nil=\"true\"/>")
                .append("<queryable>").append(t.queryable()).append("</queryable>")
                .append("<replicateable>true</replicateable><retrieveable>true</retrieveable><searchable>true</searchable>")
                .append("<undeletable>").append(t.deletable()).append("</undeletable>")
                .append("<updateable>").append(t.updateable()).append("</updateable>")
                .append("<urlDetail xsi:nil=\"true\"/><urlEdit xsi:nil=\"true\"/><urlNew xsi:nil=\"true\"/>");
        return b.toString();
    }

    private static void field(StringBuilder b, SField f) {
        boolean numeric = f.type().isNumeric();
        b.append("<fields>")
                .append("<aggregatable>").append(f.filterable()).append("</aggregatable>")
                .append("<aiPredictionField>false</aiPredictionField>")
                .append("<autoNumber>").append(f.autoNumber() || f.name().equals("CaseNumber")).append("</autoNumber>")
                .append("<byteLength>").append(f.type().isText() ? f.length() * 3 : 0).append("</byteLength>")
                .append("<calculated>").append(f.calculated()).append("</calculated>")
                .append("<caseSensitive>").append(f.caseSensitive()).append("</caseSensitive>")
                .append("<createable>").append(f.createable()).append("</createable>")
                .append("<custom>").append(f.name().endsWith("__c")).append("</custom>")
                .append("<defaultedOnCreate>").append(f.defaultedOnCreate()).append("</defaultedOnCreate>")
                .append("<deprecatedAndHidden>false</deprecatedAndHidden>")
                .append("<digits>").append(f.type() == FieldType.INT ? 9 : 0).append("</digits>")
                .append("<externalId>").append(f.externalId()).append("</externalId>")
                .append("<filterable>").append(f.filterable()).append("</filterable>")
                .append("<groupable>").append(f.filterable() && !numeric).append("</groupable>")
                .append("<htmlFormatted>").append(f.htmlFormatted()).append("</htmlFormatted>")
                .append("<idLookup>").append(f.idLookup()).append("</idLookup>")
                .append("<label>").append(esc(f.label())).append("</label>")
                .append("<length>").append(f.type().isText() ? f.length() : 0).append("</length>")
                .append("<name>").append(f.name()).append("</name>")
                .append("<nameField>").append(f.name().equals("Name")).append("</nameField>")
                .append("<nillable>").append(f.nillable()).append("</nillable>")
                .append("<permissionable>").append(f.nillable() && !f.calculated()).append("</permissionable>");
        for (String v : f.picklistValues()) {
            b.append("<picklistValues><active>true</active><defaultValue>").append(v.equals(f.defaultValue()))
                    .append("</defaultValue><label>").append(esc(v)).append("</label><value>").append(esc(v))
                    .append("</value></picklistValues>");
        }
        b.append("<polymorphicForeignKey>").append(f.referenceTo().size() > 1).append("</polymorphicForeignKey>")
                .append("<precision>").append(precision(f)).append("</precision>")
                .append("<queryByDistance>false</queryByDistance>");
        for (String r : f.referenceTo()) {
            b.append("<referenceTo>").append(r).append("</referenceTo>");
        }
        if (f.relationshipName() != null) {
            b.append("<relationshipName>").append(f.relationshipName()).append("</relationshipName>");
        }
        b.append("<restrictedPicklist>").append(f.restrictedPicklist()).append("</restrictedPicklist>")
                .append("<scale>").append(scale(f)).append("</scale>")
                .append("<searchPrefilterable>false</searchPrefilterable>")
                .append("<soapType>").append(f.type().soapType()).append("</soapType>")
                .append("<sortable>").append(f.sortable()).append("</sortable>")
                .append("<type>").append(f.type().apiName()).append("</type>")
                .append("<unique>").append(f.unique()).append("</unique>")
                .append("<updateable>").append(f.updateable()).append("</updateable>")
                .append("</fields>");
    }

    /** Declared digits, else what the schema files always implied: 18 digits, 2 decimals for non-integer numbers. */
    private static int precision(SField f) {
        if (f.precision() > 0) {
            return f.precision();
        }
        return f.type().isNumeric() && f.type() != FieldType.INT ? 18 : 0;
    }

    private static int scale(SField f) {
        if (f.precision() > 0) {
            return f.scale();
        }
        return f.type().isNumeric() && f.type() != FieldType.INT ? 2 : 0;
    }

    static String describeGlobalSObject(SObjectType t) {
        return "<activateable>false</activateable><associateEntityType xsi:nil=\"true\"/><associateParentEntity xsi:nil=\"true\"/>"
                + "<createable>" + t.createable() + "</createable><custom>" + t.custom() + "</custom><customSetting>false</customSetting>"
                + "<deepCloneable>false</deepCloneable><deletable>" + t.deletable() + "</deletable>"
                + "<deprecatedAndHidden>false</deprecatedAndHidden><feedEnabled>false</feedEnabled><hasSubtypes>false</hasSubtypes>"
                + "<idEnabled>true</idEnabled><isInterface>false</isInterface><isSubtype>false</isSubtype>"
                + "<keyPrefix>" + t.keyPrefix() + "</keyPrefix><label>" + esc(t.label()) + "</label>"
                + "<labelPlural>" + esc(t.labelPlural()) + "</labelPlural><layoutable>true</layoutable><mergeable>false</mergeable>"
                + "<mruEnabled>true</mruEnabled><name>" + t.name() + "</name><queryable>" + t.queryable() + "</queryable>"
                + "<replicateable>true</replicateable><retrieveable>true</retrieveable><searchable>true</searchable>"
                + "<triggerable>true</triggerable><undeletable>" + t.deletable() + "</undeletable>"
                + "<updateable>" + t.updateable() + "</updateable>";
    }

    private static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    // XML 1.0 cannot carry most control characters; Salesforce drops them too.
                    if (c >= 0x20 || c == '\n' || c == '\r' || c == '\t') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
