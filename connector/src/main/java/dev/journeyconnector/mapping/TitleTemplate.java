package dev.journeyconnector.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A touchpoint title with {@code {Field}} placeholders, e.g. {@code "Case {CaseNumber}: {Subject}"}; dotted
 * fields reach into nested maps ({@code {Account.Name}}). A missing field, a null, a list or a map renders as
 * nothing. Braces are always placeholders: there is no escape.
 */
public final class TitleTemplate {

    /** A literal text or a field. */
    private record Part(String literal, FieldPath field) {
    }

    private final String text;
    private final List<Part> parts;

    private TitleTemplate(String text, List<Part> parts) {
        this.text = text;
        this.parts = List.copyOf(parts);
    }

    /** The empty title. */
    public static TitleTemplate empty() {
        return new TitleTemplate("", List.of());
    }

    /** @throws IllegalArgumentException naming the first mistake: an unclosed or empty {}, a stray }, a bad field */
    public static TitleTemplate parse(String text) {
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf('{', i);
            int stray = text.indexOf('}', i);
            if (stray >= 0 && (open < 0 || stray < open)) {
                throw new IllegalArgumentException("'}' at position " + (stray + 1) + " has no '{' before it");
            }
            if (open < 0) {
                parts.add(new Part(text.substring(i), null));
                break;
            }
            if (open > i) {
                parts.add(new Part(text.substring(i, open), null));
            }
            int close = text.indexOf('}', open);
            int nested = text.indexOf('{', open + 1);
            if (close < 0) {
                throw new IllegalArgumentException("'{' at position " + (open + 1) + " is not closed by '}'");
            }
            if (nested >= 0 && nested < close) {
                throw new IllegalArgumentException("'{' at position " + (nested + 1)
                        + " is inside another placeholder; write {Field} with a field name only");
            }
            String name = text.substring(open + 1, close).strip();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("'{}' at position " + (open + 1) + " names no field");
            }
            FieldPath field;
            try {
                field = FieldPath.of(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("placeholder {" + name + "}: " + e.getMessage());
            }
            parts.add(new Part(null, field));
            i = close + 1;
        }
        return new TitleTemplate(text, parts);
    }

    /** The fields its placeholders name, in order. */
    public List<FieldPath> fields() {
        return parts.stream().map(Part::field).filter(Objects::nonNull).toList();
    }

    public String render(Map<String, ?> record) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part.field() == null) {
                out.append(part.literal());
            } else {
                out.append(Objects.requireNonNullElse(Values.text(part.field().resolve(record)), ""));
            }
        }
        return out.toString();
    }

    /** Same text, same template. */
    @Override
    public boolean equals(Object other) {
        return other instanceof TitleTemplate t && t.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
