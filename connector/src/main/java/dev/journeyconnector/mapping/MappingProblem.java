package dev.journeyconnector.mapping;

/**
 * One mistake in an ops-editable mapping file, pointing where an admin has to look.
 *
 * @param file    the file as the admin knows it, e.g. {@code mappings/zendesk.yaml}
 * @param line    1-based line, 0 when unknown
 * @param path    where in the document, e.g. {@code rules[0].when.all[2].regex}; empty for the whole file
 * @param message what is wrong and, where possible, how to write it instead
 */
public record MappingProblem(String file, int line, String path, String message) {

    /** {@code file:line path: message}, the form editors and CI logs make clickable. */
    @Override
    public String toString() {
        return file + ":" + line + (path.isEmpty() ? "" : " " + path) + ": " + message;
    }
}
