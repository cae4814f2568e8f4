package dev.journeyconnector.sandbox.salesforce.soql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SoqlQueryTest {

    private static SoqlException malformed(String soql) {
        SoqlException e = catchThrowableOfType(() -> SoqlQuery.parse(soql), SoqlException.class);
        assertThat(e).as("parse error for %s", soql).isNotNull();
        assertThat(e.exceptionCode()).isEqualTo("MALFORMED_QUERY");
        return e;
    }

    @Test
    void exposesTheClausesAsWritten() {
        SoqlQuery q = SoqlQuery.parse("select Id, account.Name FROM contact WHERE Name = 'x' "
                + "order by SystemModstamp, Id desc, Name nulls last limit 200");

        assertThat(q.objectName()).isEqualTo("contact");
        assertThat(q.selectedFields()).containsExactly("Id", "account.Name");
        assertThat(q.isCountQuery()).isFalse();
        assertThat(q.hasWhere()).isTrue();
        assertThat(q.limit()).hasValue(200);
        assertThat(q.orderBy()).containsExactly(
                new SoqlQuery.Ordering("SystemModstamp", false, true),
                new SoqlQuery.Ordering("Id", true, false),
                new SoqlQuery.Ordering("Name", false, false));
    }

    @Test
    void countQueryHasNoFieldsAndNoLimitUnlessGiven() {
        SoqlQuery q = SoqlQuery.parse("SELECT count() FROM Contact");

        assertThat(q.isCountQuery()).isTrue();
        assertThat(q.selectedFields()).isEmpty();
        assertThat(q.limit()).isEmpty();
        assertThat(q.hasWhere()).isFalse();
    }

    @Test
    void whitespaceAndNewlinesSeparateTokens() {
        SoqlQuery q = SoqlQuery.parse("SELECT\n  Id ,Name\nFROM\tAccount\nWHERE(Name='a')");

        assertThat(q.selectedFields()).containsExactly("Id", "Name");
        assertThat(q.objectName()).isEqualTo("Account");
    }

    @Test
    void mixingAndWithOrWithoutParenthesesIsRefusedAtTheOr() {
        SoqlException e = malformed("SELECT Id FROM Contact WHERE A = 1 AND B = 2 OR C = 3");

        assertThat(e.getMessage()).isEqualTo("\nSELECT Id FROM Contact WHERE A = 1 AND B = 2 OR C = 3\n"
                + "                                             ^\nERROR at Row:1:Column:46\nunexpected token: 'OR'");
    }

    @Test
    void mixingOrWithAndIsRefusedAtTheAnd() {
        assertThat(malformed("SELECT Id FROM Contact WHERE A = 1 OR B = 2 AND C = 3").getMessage())
                .endsWith("unexpected token: 'AND'");
    }

    @Test
    void errorsOnLaterLinesPointAtTheirRowAndColumn() {
        SoqlException e = malformed("SELECT Id\nFROM Contact\nWHERE Name = = 'x'");

        assertThat(e.row()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(14);
        assertThat(e.getMessage()).isEqualTo("\nWHERE Name = = 'x'\n             ^\nERROR at Row:3:Column:14\n"
                + "unexpected token: '='");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SELECT Id FROM Contact WHERE              | unexpected token: <EOF>
            SELECT FROM Contact                       | unexpected token: 'FROM'
            SELECT Id, FROM Contact                   | unexpected token: 'FROM'
            SELECT Id Contact                         | unexpected token: 'Contact'
            SELECT Id FROM Contact LIMIT -1           | unexpected token: '-1'
            SELECT Id FROM Contact LIMIT 1.5          | unexpected token: '1.5'
            SELECT Id FROM Contact LIMIT 10 OFFSET 5  | unexpected token: 'OFFSET'
            SELECT Id FROM Contact ORDER Name         | unexpected token: 'Name'
            SELECT Id FROM Contact ORDER BY Name NULLS | unexpected token: <EOF>
            SELECT Id FROM Contact WHERE (Name = 'a'  | unexpected token: <EOF>
            SELECT Id FROM Contact WHERE Name = 'a')  | unexpected token: ')'
            SELECT Id FROM Contact WHERE Name         | unexpected token: <EOF>
            SELECT Id FROM Contact WHERE Name IN 'a'  | unexpected token: ''a''
            SELECT Id FROM Contact WHERE Name IN ()   | unexpected token: ')'
            SELECT Id FROM Contact WHERE Name NOT LIKE 'a' | unexpected token: 'NOT'
            SELECT Id FROM Contact WHERE Name = Foo   | unexpected token: 'Foo'
            SELECT Id FROM Contact WHERE Id IN (SELECT Id FROM Account) | unexpected token: 'SELECT'
            SELECT Id FROM Contact WHERE D = 2026-05-01T10:00 | unexpected token: '2026-05-01T10:00'
            SELECT Id FROM Contact WHERE N = 12abc    | unexpected token: '12abc'
            SELECT Id FROM Contact WHERE D = LAST_N_DAYS:x | unexpected token: 'x'
            SELECT Id FROM Contact WHERE N ~ 1        | unexpected token: '~'
            UPDATE Contact SET Name = 'x'             | unexpected token: 'UPDATE'
            """)
    void syntaxErrorsNameTheUnexpectedToken(String soql, String detail) {
        assertThat(malformed(soql).getMessage()).endsWith("\n" + detail);
    }

    @Test
    void anUnknownEscapeInAStringIsRefused() {
        assertThat(malformed("SELECT Id FROM Contact WHERE Name = 'a\\xb'").getMessage())
                .endsWith("Illegal character sequence '\\x' in string literal.");
    }

    @Test
    void anUnterminatedStringIsRefused() {
        assertThat(malformed("SELECT Id FROM Contact WHERE Name = 'abc").getMessage())
                .endsWith("\nunterminated string literal");
    }

    @Test
    void impossibleDatesAreRefused() {
        assertThat(malformed("SELECT Id FROM Contact WHERE D = 2026-02-30").getMessage())
                .endsWith("\ninvalid date literal '2026-02-30'");
        assertThat(malformed("SELECT Id FROM Contact WHERE D = 2026-05-01T25:00:00Z").getMessage())
                .endsWith("\ninvalid dateTime literal '2026-05-01T25:00:00Z'");
    }

    @Test
    void anEmptyStatementIsMalformed() {
        assertThat(malformed("  ").getMessage()).endsWith("unexpected token: <EOF>");
    }
}
