package dev.journeyconnector.sandbox.salesforce;

import dev.journeyconnector.sandbox.salesforce.schema.SField;
import dev.journeyconnector.sandbox.salesforce.schema.SObjectType;
import dev.journeyconnector.sandbox.salesforce.soql.SoqlDataSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test-only stand-in for the SOQL engine: understands {@code SELECT f1, Rel.f2 FROM Obj [ORDER BY Id]} and
 * {@code SELECT COUNT() FROM Obj}, nothing else. Enough to drive the simulator's SOAP paging and rendering.
 */
final class FakeSoqlExecutor implements QueryExecutor {
    private static final Pattern QUERY = Pattern.compile(
            "(?i)\\s*SELECT\\s+(.+?)\\s+FROM\\s+(\\w+)(\\s+ORDER\\s+BY\\s+Id)?\\s*");

    private final SoqlDataSource org;

    FakeSoqlExecutor(SoqlDataSource org) {
        this.org = org;
    }

    @Override
    public Result run(String soql, boolean includeDeleted) {
        Matcher m = QUERY.matcher(soql);
        if (!m.matches()) {
            throw SalesforceFault.query("MALFORMED_QUERY", "the fake executor only reads SELECT ... FROM ...: " + soql, 1, 1);
        }
        SObjectType type = org.type(m.group(2)).orElseThrow(() -> SalesforceFault.query("INVALID_TYPE",
                "sObject type '" + m.group(2) + "' is not supported.", 1, 1));
        List<Map<String, Object>> source = new ArrayList<>(org.rows(type.name()));
        source.removeIf(r -> !includeDeleted && Boolean.TRUE.equals(r.get("IsDeleted")));
        source.sort(Comparator.comparing(r -> (String) r.get("Id")));
        if (m.group(1).trim().equalsIgnoreCase("COUNT()")) {
            return Result.count(type.name(), source.size());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> r : source) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (String f : m.group(1).split(",")) {
                project(type, r, f.trim(), out);
            }
            rows.add(out);
        }
        return Result.rows(type.name(), rows);
    }

    private void project(SObjectType type, Map<String, Object> row, String path, Map<String, Object> out) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            SField f = type.field(path).orElseThrow(() -> SalesforceFault.query("INVALID_FIELD",
                    "No such column '" + path + "' on entity '" + type.name() + "'.", 1, 8));
            out.put(f.name(), row.get(f.name()));
            return;
        }
        SField ref = type.relationship(path.substring(0, dot)).orElseThrow(() -> SalesforceFault.query("INVALID_FIELD",
                "Didn't understand relationship '" + path.substring(0, dot) + "'", 1, 8));
        Object parentId = row.get(ref.name());
        if (parentId == null) {
            out.put(ref.relationshipName(), null);
            return;
        }
        SObjectType parentType = org.typeOfId((String) parentId).orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) out.computeIfAbsent(ref.relationshipName(), k -> {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("type", parentType.name());
            return n;
        });
        project(parentType, org.rowById((String) parentId).orElseThrow(), path.substring(dot + 1), nested);
    }
}
