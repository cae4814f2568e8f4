package dev.journeyconnector.salesforce.client;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV (https://www.rfc-editor.org/rfc/rfc4180): fields separated by commas, optionally in double
 * quotes with {@code ""} for a quote inside, records ended by CRLF or LF (line breaks inside quotes are data).
 * Ours rather than force-wsc's CSVReader, which is sized for uploads and refuses files over 10,001 rows.
 */
final class CsvRows {
    private final Reader in;
    private int peeked = -2;

    CsvRows(Reader in) {
        this.in = in;
    }

    /** The next record's fields, or null at the end of the input. */
    List<String> next() {
        try {
            int c = read();
            if (c == -1) {
                return null;
            }
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            while (true) {
                if (quoted) {
                    if (c == -1) {
                        throw new IllegalArgumentException("CSV ends inside a quoted field");
                    }
                    if (c == '"') {
                        if (peek() == '"') {
                            read();
                            field.append('"');
                        } else {
                            quoted = false;
                        }
                    } else {
                        field.append((char) c);
                    }
                } else if (c == '"' && field.isEmpty()) {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else if (c == '\r' && peek() == '\n') {
                    read();
                    break;
                } else if (c == '\n' || c == -1) {
                    break;
                } else {
                    field.append((char) c);
                }
                c = read();
            }
            fields.add(field.toString());
            return fields;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int read() throws IOException {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        return in.read();
    }

    private int peek() throws IOException {
        if (peeked == -2) {
            peeked = in.read();
        }
        return peeked;
    }
}
