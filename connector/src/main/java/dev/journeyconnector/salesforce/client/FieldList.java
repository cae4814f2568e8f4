package dev.journeyconnector.salesforce.client;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Builds SOQL field lists only from names that {@code describeSObject} confirmed, so a field name from a mapping
 * file can never smuggle SOQL into a query. Parent paths ({@code Account.Name}, {@code Owner.Email}) are checked
 * one level deep: the relationship name against the reference field, the parent field against the parent's
 * describe (for polymorphic references such as Owner, against any of the referenced types).
 */
public final class FieldList {

    private FieldList() {
    }

    /** Plain field names only; a dotted path is reported as unknown unless a parent describer is given. */
    public static List<String> validate(SObjectDescription sobject, List<String> requested) {
        return validate(sobject, requested, null);
    }

    /**
     * Returns the canonical spelling of every requested field, duplicates (case-insensitive) removed, in the
     * requested order; or throws one {@link UnknownFieldsException} naming the object and all unknown fields.
     *
     * @param parents describe of a parent type (typically {@code client::describe}); null to refuse paths
     */
    public static List<String> validate(SObjectDescription sobject, List<String> requested,
                                        Function<String, SObjectDescription> parents) {
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        List<String> canonical = new ArrayList<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (String name : requested) {
            Optional<String> resolved = name == null ? Optional.empty() : resolve(sobject, name.strip(), parents);
            if (resolved.isEmpty()) {
                unknown.add(String.valueOf(name));
            } else if (seen.add(resolved.get())) {
                canonical.add(resolved.get());
            }
        }
        if (!unknown.isEmpty()) {
            throw new UnknownFieldsException(sobject.name(), List.copyOf(unknown), parents == null
                    ? "parent paths need the parents' describe" : "");
        }
        return List.copyOf(canonical);
    }

    /** The validated fields joined for a SELECT clause. */
    public static String select(SObjectDescription sobject, List<String> requested,
                                Function<String, SObjectDescription> parents) {
        return String.join(", ", validate(sobject, requested, parents));
    }

    private static Optional<String> resolve(SObjectDescription sobject, String name,
                                            Function<String, SObjectDescription> parents) {
        int dot = name.indexOf('.');
        if (dot < 0) {
            return sobject.field(name).map(FieldDescription::name);
        }
        if (parents == null || name.indexOf('.', dot + 1) >= 0) {
            return Optional.empty();
        }
        String relationship = name.substring(0, dot);
        String parentField = name.substring(dot + 1);
        Optional<FieldDescription> reference = sobject.relationship(relationship);
        if (reference.isEmpty()) {
            return Optional.empty();
        }
        for (String parentType : reference.get().referenceTo()) {
            Optional<FieldDescription> field = parents.apply(parentType).field(parentField);
            if (field.isPresent()) {
                return Optional.of(reference.get().relationshipName() + "." + field.get().name());
            }
        }
        return Optional.empty();
    }
}
