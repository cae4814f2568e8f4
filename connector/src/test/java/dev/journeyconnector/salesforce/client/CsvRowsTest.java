package dev.journeyconnector.salesforce.client;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvRowsTest {

    @Test
    void quotedFieldsMayHoldCommasDoubledQuotesAndLineBreaks() {
        assertThat(rows("\"Id\",\"Description\"\n\"003A\",\"Said \"\"hi\"\",\nthen left\"\n"))
                .containsExactly(List.of("Id", "Description"), List.of("003A", "Said \"hi\",\nthen left"));
    }

    @Test
    void unquotedFieldsAndCrLfLineEndsAreRead() {
        assertThat(rows("a,b\r\n1,\r\n")).containsExactly(List.of("a", "b"), List.of("1", ""));
    }

    @Test
    void aLastLineWithoutLineEndIsARecord() {
        assertThat(rows("\"x\"\n\"y\"")).containsExactly(List.of("x"), List.of("y"));
    }

    @Test
    void anUnclosedQuoteIsAnError() {
        assertThatThrownBy(() -> rows("\"open\n")).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<List<String>> rows(String csv) {
        CsvRows reader = new CsvRows(new StringReader(csv));
        List<List<String>> out = new ArrayList<>();
        for (List<String> row = reader.next(); row != null; row = reader.next()) {
            out.add(row);
        }
        return out;
    }
}
