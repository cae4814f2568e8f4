package dev.journeyconnector.app;

import java.nio.file.Path;

/**
 * The routes could not be loaded or started. The message names the route file and, for YAML mistakes,
 * the line, as Camel's YAML DSL reports it.
 */
public final class RouteLoadException extends RuntimeException {
    public RouteLoadException(Path routesDir, Throwable cause) {
        super("the routes in " + routesDir + " could not be started: " + describe(cause), cause);
    }

    private static String describe(Throwable e) {
        StringBuilder out = new StringBuilder();
        Throwable t = e;
        String previous = null;
        while (t != null) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && (previous == null || !previous.contains(m))) {
                if (out.length() > 0) {
                    out.append(System.lineSeparator()).append("    caused by: ");
                }
                out.append(m.strip());
                previous = m;
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return out.toString();
    }
}
