package dev.journeyconnector.sandbox.salesforce;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed SOAP request: the operation element in the Body and the SessionHeader and QueryOptions headers.
 * The parser is namespace-aware and refuses DOCTYPE declarations (no external entities).
 */
final class SoapRequest {
    static final String SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private final Element operation;
    private final String sessionId;
    private final Integer batchSize;

    private SoapRequest(Element operation, String sessionId, Integer batchSize) {
        this.operation = operation;
        this.sessionId = sessionId;
        this.batchSize = batchSize;
    }

    static SoapRequest parse(byte[] body) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            doc = b.parse(new ByteArrayInputStream(body));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw SalesforceFault.unexpected("UNKNOWN_EXCEPTION", "The request is not a readable SOAP envelope: " + e.getMessage());
        }
        Element envelope = doc.getDocumentElement();
        if (!"Envelope".equals(envelope.getLocalName()) || !SOAP_ENV.equals(envelope.getNamespaceURI())) {
            throw SalesforceFault.unexpected("UNKNOWN_EXCEPTION", "The request is not a SOAP 1.1 envelope");
        }
        Element header = child(envelope, "Header").orElse(null);
        Element body2 = child(envelope, "Body").orElseThrow(
                () -> SalesforceFault.unexpected("UNKNOWN_EXCEPTION", "The SOAP envelope has no Body"));
        Element op = children(body2).stream().findFirst().orElseThrow(
                () -> SalesforceFault.unexpected("UNKNOWN_EXCEPTION", "The SOAP Body is empty"));
        String session = null;
        Integer batch = null;
        if (header != null) {
            session = child(header, "SessionHeader").flatMap(h -> child(h, "sessionId")).map(Node::getTextContent).orElse(null);
            String bs = child(header, "QueryOptions").flatMap(h -> child(h, "batchSize")).map(Node::getTextContent).orElse(null);
            if (bs != null && !bs.isBlank()) {
                try {
                    batch = Integer.parseInt(bs.trim());
                } catch (NumberFormatException e) {
                    throw SalesforceFault.unexpected("INVALID_BATCH_SIZE", "invalid batch size: " + bs);
                }
            }
        }
        return new SoapRequest(op, session, batch);
    }

    String operationName() {
        return operation.getLocalName();
    }

    String sessionId() {
        return sessionId;
    }

    Integer batchSize() {
        return batchSize;
    }

    /** Text of the operation's first child element with this local name, or null. */
    String param(String name) {
        return child(operation, name).map(e -> isNil(e) ? null : e.getTextContent()).orElse(null);
    }

    /** Texts of all children of the operation with this local name. */
    List<String> params(String name) {
        List<String> out = new ArrayList<>();
        for (Element e : children(operation)) {
            if (name.equals(e.getLocalName())) {
                out.add(e.getTextContent().trim());
            }
        }
        return out;
    }

    /**
     * The {@code sObjects} arguments of create/update/upsert: type, Id, fieldsToNull and every other child as a
     * field value (text, or null when xsi:nil). Nested sObjects (foreign keys by external Id) are refused.
     */
    List<IncomingRecord> sObjects() {
        List<IncomingRecord> out = new ArrayList<>();
        for (Element s : children(operation)) {
            if (!"sObjects".equals(s.getLocalName())) {
                continue;
            }
            String type = null;
            String id = null;
            List<String> toNull = new ArrayList<>();
            Map<String, String> values = new LinkedHashMap<>();
            for (Element f : children(s)) {
                String name = f.getLocalName();
                switch (name) {
                    case "type" -> type = f.getTextContent().trim();
                    case "fieldsToNull" -> toNull.add(f.getTextContent().trim());
                    case "Id" -> id = isNil(f) ? null : f.getTextContent().trim();
                    default -> {
                        if (!children(f).isEmpty()) {
                            throw SalesforceFault.unexpected("INVALID_FIELD", "The sandbox does not support setting "
                                    + name + " through a related record (foreign key by external Id); send the Id field instead");
                        }
                        values.put(name, isNil(f) ? null : f.getTextContent());
                    }
                }
            }
            out.add(new IncomingRecord(type, id, values, toNull));
        }
        return out;
    }

    private static boolean isNil(Element e) {
        return "true".equals(e.getAttributeNS(XSI, "nil"));
    }

    private static Optional<Element> child(Element parent, String localName) {
        for (Element e : children(parent)) {
            if (localName.equals(e.getLocalName())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }
}
