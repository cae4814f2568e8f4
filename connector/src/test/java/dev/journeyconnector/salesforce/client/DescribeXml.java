package dev.journeyconnector.salesforce.client;

import java.util.List;

/**
 * describeSObject responses for tests, in the element order of the Partner WSDL's DescribeSObjectResult and
 * Field types (force-wsc reads elements in sequence order and skips absent ones). No public real sample with a
 * usable licence exists; see test resources salesforce/SOURCES.md.
 */
final class DescribeXml {

    record F(String name, String type, String relationshipName, List<String> referenceTo, List<String> picklist) {
    }

    static F field(String name, String type) {
        return new F(name, type, null, List.of(), List.of());
    }

    static F reference(String name, String relationshipName, String... referenceTo) {
        return new F(name, "reference", relationshipName, List.of(referenceTo), List.of());
    }

    static F picklist(String name, String... values) {
        return new F(name, "picklist", null, List.of(), List.of(values));
    }

    static String describe(String sobject, String keyPrefix, F... fields) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                <soapenv:Body><describeSObjectResponse><result>
                <createable>true</createable>
                """);
        for (F f : fields) {
            boolean system = f.name().equals("Id") || f.name().equals("CreatedDate");
            xml.append("<fields>")
                    .append("<createable>").append(!system).append("</createable>")
                    .append("<filterable>true</filterable>")
                    .append("<name>").append(f.name()).append("</name>")
                    .append("<nillable>").append(!system).append("</nillable>");
            for (String value : f.picklist()) {
                xml.append("<picklistValues><active>true</active><defaultValue>false</defaultValue><label>")
                        .append(value).append("</label><value>").append(value).append("</value></picklistValues>");
            }
            for (String target : f.referenceTo()) {
                xml.append("<referenceTo>").append(target).append("</referenceTo>");
            }
            if (f.relationshipName() != null) {
                xml.append("<relationshipName>").append(f.relationshipName()).append("</relationshipName>");
            }
            xml.append("<type>").append(f.type()).append("</type>")
                    .append("<updateable>").append(!system).append("</updateable>")
                    .append("</fields>\n");
        }
        xml.append("<keyPrefix>").append(keyPrefix).append("</keyPrefix>\n")
                .append("<name>").append(sobject).append("</name>\n")
                .append("<queryable>true</queryable>\n")
                .append("<updateable>true</updateable>\n")
                .append("</result></describeSObjectResponse></soapenv:Body></soapenv:Envelope>\n");
        return xml.toString();
    }

    static String opportunity() {
        return describe("Opportunity", "006",
                field("Id", "id"),
                field("Name", "string"),
                picklist("StageName", "Prospecting", "Value Proposition", "Closed Won"),
                field("Amount", "currency"),
                field("CloseDate", "date"),
                field("IsWon", "boolean"),
                field("Probability", "percent"),
                field("CreatedDate", "datetime"),
                field("Description", "textarea"),
                reference("AccountId", "Account", "Account"),
                reference("OwnerId", "Owner", "User"));
    }

    static String account() {
        return describe("Account", "001",
                field("Id", "id"),
                field("Name", "string"),
                field("NumberOfEmployees", "int"),
                reference("OwnerId", "Owner", "User"));
    }

    static String contact() {
        return describe("Contact", "003",
                field("Id", "id"),
                field("Name", "string"),
                field("Email", "email"),
                reference("AccountId", "Account", "Account"),
                reference("OwnerId", "Owner", "User", "Group"));
    }

    static String user() {
        return describe("User", "005",
                field("Id", "id"),
                field("Name", "string"),
                field("Email", "email"));
    }

    static String group() {
        return describe("Group", "00G",
                field("Id", "id"),
                field("Name", "string"));
    }

    private DescribeXml() {
    }
}
