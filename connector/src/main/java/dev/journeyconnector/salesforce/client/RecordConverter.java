package dev.journeyconnector.salesforce.client;

import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.bind.XmlObject;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collection;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.Function;

/**
 * Converts between Partner API sObject trees and plain maps, typed by the describe field type:
 * String for ids, text and picklists; Boolean; Long for int/long; BigDecimal for double, currency, percent;
 * LocalDate for date; Instant for datetime; LocalTime for time. A parent relationship ({@code Account.Name})
 * becomes a nested map under the relationship name with "type" holding the parent's sObject type; a child
 * subquery becomes a list of maps. A nil value is a present key with a null value.
 */
final class RecordConverter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS'Z'");

    private final Function<String, Optional<SObjectDescription>> describer;

    /** @param describer the (cached) describe for an sObject type, or empty for types without one (AggregateResult) */
    RecordConverter(Function<String, Optional<SObjectDescription>> describer) {
        this.describer = describer;
    }

    List<Map<String, Object>> read(SObject[] records) {
        List<Map<String, Object>> out = new ArrayList<>(records == null ? 0 : records.length);
        if (records != null) {
            for (SObject record : records) {
                out.add(read(record, false));
            }
        }
        return out;
    }

    private Map<String, Object> read(XmlObject record, boolean nested) {
        Object typeValue = record.getField("type");
        String type = typeValue == null ? null : typeValue.toString();
        Optional<SObjectDescription> description = type == null ? Optional.empty() : describer.apply(type);
        Map<String, Object> out = new LinkedHashMap<>();
        if (nested && type != null) {
            out.put("type", type);
        }
        for (Iterator<XmlObject> children = record.getChildren(); children.hasNext(); ) {
            XmlObject child = children.next();
            String name = child.getName().getLocalPart();
            // The sObject type is element "type" (lower case); "Id" is sent twice in query results.
            if (name.equals("type") || out.containsKey(name)) {
                continue;
            }
            out.put(name, readValue(type, child, description.flatMap(d -> d.field(name))));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private Object readValue(String type, XmlObject child, Optional<FieldDescription> field) {
        if (child.asTyped() instanceof QueryResult subquery) {
            return read(subquery.getRecords());
        }
        if (child.hasChildren()) {
            if (child.getChild("records") != null || child.getChild("done") != null) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (Iterator<XmlObject> it = child.getChildren("records"); it.hasNext(); ) {
                    rows.add(read(it.next(), false));
                }
                return List.copyOf(rows);
            }
            return read(child, true);
        }
        Object value = child.getValue();
        if (value == null || field.isEmpty()) {
            return value;
        }
        try {
            return fromSoap(value, field.get().type());
        } catch (RuntimeException e) {
            // The value itself stays out of the message: it is customer data.
            throw new SalesforceException(FailureKind.PERMANENT, "UNREADABLE_VALUE",
                    "Cannot read " + type + "." + field.get().name() + " as " + field.get().type(), e);
        }
    }

    static Object fromSoap(Object value, String fieldType) {
        if (!(value instanceof String text)) {
            return fromTyped(value);
        }
        return switch (fieldType) {
            case "boolean" -> Boolean.valueOf(text.strip());
            case "int", "long" -> new BigDecimal(text.strip()).longValueExact();
            case "double", "currency", "percent" -> new BigDecimal(text.strip());
            case "date" -> LocalDate.parse(text.strip().length() > 10 ? text.strip().substring(0, 10) : text.strip());
            case "datetime" -> OffsetDateTime.parse(text.strip()).toInstant();
            case "time" -> LocalTime.parse(text.strip().replace("Z", ""));
            default -> text;
        };
    }

    /** Values force-wsc already typed (elements with an xsi:type). */
    private static Object fromTyped(Object value) {
        if (value instanceof Integer || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(((Number) value).doubleValue());
        }
        if (value instanceof Calendar calendar) {
            return calendar.toInstant();
        }
        if (value instanceof Date date) {
            return date.toInstant();
        }
        return value;
    }

    /**
     * Builds the sObject to send. Unknown field names are refused all at once; null values go to fieldsToNull on
     * update and are left out on create. Values are sent with the XML type describe's soapType names
     * (xsd:int, xsd:double, xsd:boolean, xsd:dateTime); dates go as "yyyy-MM-dd" text.
     */
    static SObject write(SObjectDescription description, Map<String, Object> values, boolean update) {
        SObject sobject = new SObject(description.name());
        List<String> toNull = new ArrayList<>();
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            FieldDescription field = description.field(entry.getKey()).orElseThrow();
            if (field.name().equals("Id")) {
                if (update) {
                    sobject.setId(String.valueOf(entry.getValue()));
                }
                continue;
            }
            if (entry.getValue() == null) {
                if (update) {
                    toNull.add(field.name());
                }
                continue;
            }
            sobject.setField(field.name(), toSoap(entry.getValue(), field));
        }
        if (!toNull.isEmpty()) {
            sobject.setFieldsToNull(toNull.toArray(String[]::new));
        }
        return sobject;
    }

    /** All keys of all records that the description does not know, in first-seen order. */
    static List<String> unknownFields(SObjectDescription description, List<Map<String, Object>> records) {
        Set<String> unknown = new LinkedHashSet<>();
        for (Map<String, Object> record : records) {
            for (String key : record.keySet()) {
                if (description.field(key).isEmpty()) {
                    unknown.add(key);
                }
            }
        }
        return List.copyOf(unknown);
    }

    /** Fields the records set that describe says cannot be written by this operation ("Id" is the update key). */
    static List<String> unwritableFields(SObjectDescription description, List<Map<String, Object>> records, boolean update) {
        Set<String> unwritable = new LinkedHashSet<>();
        for (Map<String, Object> record : records) {
            for (String key : record.keySet()) {
                description.field(key)
                        .filter(f -> !f.name().equals("Id"))
                        .filter(f -> update ? !f.updateable() : !f.createable())
                        .ifPresent(f -> unwritable.add(f.name()));
            }
        }
        return List.copyOf(unwritable);
    }

    static Object toSoap(Object value, FieldDescription field) {
        String type = field.type();
        if (value instanceof String || value instanceof Boolean || value instanceof byte[]) {
            return value;
        }
        if (value instanceof Instant instant) {
            return calendar(instant);
        }
        if (value instanceof OffsetDateTime odt) {
            return calendar(odt.toInstant());
        }
        if (value instanceof ZonedDateTime zdt) {
            return calendar(zdt.toInstant());
        }
        if (value instanceof Calendar || value instanceof Date) {
            return value;
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        if (value instanceof LocalTime time) {
            return TIME.format(time);
        }
        if (value instanceof Number number) {
            if (type.equals("int")) {
                return new BigDecimal(number.toString()).intValueExact();
            }
            if (type.equals("long")) {
                return new BigDecimal(number.toString()).longValueExact();
            }
            if (type.equals("double") || type.equals("currency") || type.equals("percent")) {
                return new BigDecimal(number.toString()).doubleValue();
            }
            return number instanceof BigDecimal bd ? bd.toPlainString() : number.toString();
        }
        if (value instanceof Collection<?> values && type.equals("multipicklist")) {
            // Multi-select picklist values are sent as one string separated by semicolons.
            return String.join(";", values.stream().map(String::valueOf).toList());
        }
        throw new IllegalArgumentException("Cannot send a " + value.getClass().getSimpleName() + " to "
                + field.name() + " (" + type + ")");
    }

    private static Calendar calendar(Instant instant) {
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone(ZoneOffset.UTC));
        calendar.setTimeInMillis(instant.toEpochMilli());
        return calendar;
    }
}
