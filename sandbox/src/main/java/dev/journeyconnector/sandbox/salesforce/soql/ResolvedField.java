package dev.journeyconnector.sandbox.salesforce.soql;

import dev.journeyconnector.sandbox.salesforce.schema.SField;
import dev.journeyconnector.sandbox.salesforce.schema.SObjectType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link FieldPath} checked against the schema: the reference fields to follow from the queried row
 * ("hops") and the field read at the end. Building one throws INVALID_FIELD with Salesforce's wording.
 *
 * <p>A polymorphic reference (several {@code referenceTo} types, e.g. Task.WhoId → Contact or Lead) can
 * only be the last hop: Salesforce exposes it as the "Name" pseudo-object, which has no relationships of its
 * own here. The end field is then looked up on whichever type the Id's key prefix names.
 */
final class ResolvedField {

    /** One parent relationship to follow; {@code target} is null for a polymorphic reference. */
    record Hop(SField reference, SObjectType target) {
        String relationshipName() {
            return reference.relationshipName();
        }
    }

    private static final String NO_SUCH_RELATIONSHIP = "Didn't understand relationship '%s' in field path. If you are "
            + "attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. "
            + "Please reference your WSDL or the describe call for the appropriate names.";
    private static final String NO_SUCH_COLUMN = "No such column '%s' on entity '%s'. If you are attempting to use a "
            + "custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the "
            + "describe call for the appropriate names.";

    private final List<Hop> hops;
    private final SField leaf;
    /** For a polymorphic last hop: the end field per possible parent type, keyed by lower-case type name. */
    private final Map<String, SField> leafByParentType;
    private final SoqlDataSource dataSource;

    private ResolvedField(List<Hop> hops, SField leaf, Map<String, SField> leafByParentType,
                          SoqlDataSource dataSource) {
        this.hops = List.copyOf(hops);
        this.leaf = leaf;
        this.leafByParentType = leafByParentType;
        this.dataSource = dataSource;
    }

    static ResolvedField resolve(SObjectType root, FieldPath path, SoqlDataSource dataSource, String soql) {
        List<Hop> hops = new ArrayList<>();
        SObjectType current = root;
        List<SObjectType> polymorphicTargets = null;
        for (String relationship : path.relationships()) {
            if (current == null) {
                throw invalidField(soql, path, NO_SUCH_RELATIONSHIP.formatted(relationship));
            }
            SField reference = current.relationship(relationship)
                    .orElseThrow(() -> invalidField(soql, path, NO_SUCH_RELATIONSHIP.formatted(relationship)));
            List<SObjectType> targets = reference.referenceTo().stream()
                    .map(dataSource::type).flatMap(Optional::stream).toList();
            if (targets.isEmpty()) {
                throw invalidField(soql, path, NO_SUCH_RELATIONSHIP.formatted(relationship));
            }
            if (targets.size() == 1) {
                current = targets.get(0);
                hops.add(new Hop(reference, current));
            } else {
                current = null;
                polymorphicTargets = targets;
                hops.add(new Hop(reference, null));
            }
        }
        String leafName = path.leaf();
        if (current != null) {
            SObjectType owner = current;
            SField leaf = owner.field(leafName)
                    .orElseThrow(() -> invalidField(soql, path, NO_SUCH_COLUMN.formatted(leafName, owner.name())));
            return new ResolvedField(hops, leaf, Map.of(), dataSource);
        }
        Map<String, SField> byType = new LinkedHashMap<>();
        for (SObjectType target : polymorphicTargets) {
            target.field(leafName).ifPresent(f -> byType.put(target.name().toLowerCase(Locale.ROOT), f));
        }
        if (byType.isEmpty()) {
            // Salesforce names the polymorphic pseudo-object "Name" in this message.
            throw invalidField(soql, path, NO_SUCH_COLUMN.formatted(leafName, "Name"));
        }
        return new ResolvedField(hops, byType.values().iterator().next(), byType, dataSource);
    }

    static SoqlException invalidField(String soql, FieldPath path, String detail) {
        return SoqlException.at(SoqlException.INVALID_FIELD, soql, path.offset(), detail);
    }

    List<Hop> hops() {
        return hops;
    }

    /** The end field; for a polymorphic path, the one of the first referenced type (all share name and type). */
    SField leaf() {
        return leaf;
    }

    /** Canonical dotted name, e.g. {@code Account.Owner.Email}, to detect the same field selected twice. */
    String canonicalName() {
        StringBuilder out = new StringBuilder();
        for (Hop hop : hops) {
            out.append(hop.relationshipName()).append('.');
        }
        return out.append(leaf.name()).toString();
    }

    /** The value of this field for a queried row, following parents; null when any link is empty or dangling. */
    Object valueOf(Map<String, Object> row) {
        Map<String, Object> current = row;
        SObjectType currentType = null;
        for (Hop hop : hops) {
            Parent parent = parent(current, hop);
            if (parent == null) {
                return null;
            }
            current = parent.row();
            currentType = parent.type();
        }
        SField field = leafOn(currentType);
        return field == null ? null : current.get(field.name());
    }

    /** A parent row with its sObject type, as found through one hop. */
    record Parent(Map<String, Object> row, SObjectType type) {
    }

    /** The parent reached from {@code row} through {@code hop}, or null when the reference is empty or dangling. */
    Parent parent(Map<String, Object> row, Hop hop) {
        Object id = row.get(hop.reference().name());
        if (!(id instanceof String idText) || idText.isEmpty()) {
            return null;
        }
        Optional<Map<String, Object>> parentRow = dataSource.rowById(idText);
        if (parentRow.isEmpty()) {
            return null;
        }
        SObjectType type = hop.target() != null ? hop.target() : dataSource.typeOfId(idText).orElse(null);
        return type == null ? null : new Parent(parentRow.get(), type);
    }

    /** The end field as it exists on {@code parentType}; null when a polymorphic parent's type lacks it. */
    SField leafOn(SObjectType parentType) {
        if (leafByParentType.isEmpty() || parentType == null) {
            return leaf;
        }
        return leafByParentType.get(parentType.name().toLowerCase(Locale.ROOT));
    }
}
