package dev.journeyconnector.mapping;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each operator over raw records as the vendors deliver them, written in the YAML syntax ops admins use. */
class ConditionTest {

    static Condition when(String yaml) {
        try {
            return new ConditionParser("test.yaml").parse(MappingYaml.read("test.yaml", yaml).orElseThrow(), "when");
        } catch (MappingException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static Map<String, Object> record(Object... keysAndValues) {
        Map<String, Object> record = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            record.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return record;
    }

    @Nested
    class EqualsOperator {
        @Test
        void firesOnTheSameText() {
            assertThat(when("{field: Origin, equals: Web}").matches(record("Origin", "Web"))).isTrue();
        }

        @Test
        void isExactAboutCaseByDefault() {
            assertThat(when("{field: Origin, equals: Web}").matches(record("Origin", "web"))).isFalse();
        }

        @Test
        void ignoresCaseWhenAsked() {
            assertThat(when("{field: Origin, equals: Web, ignoreCase: true}").matches(record("Origin", "WEB"))).isTrue();
        }

        @Test
        void doesNotFireOnAnotherValueOrAPrefix() {
            Condition c = when("{field: Origin, equals: Web}");
            assertThat(c.matches(record("Origin", "Phone"))).isFalse();
            assertThat(c.matches(record("Origin", "Website"))).isFalse();
        }

        @Test
        void comparesNumbersByValueWhateverTheirJavaType() {
            Condition c = when("{field: Amount, equals: 1500}");
            assertThat(c.matches(record("Amount", 1500L))).isTrue();
            assertThat(c.matches(record("Amount", 1500))).isTrue();
            assertThat(c.matches(record("Amount", 1500.0d))).isTrue();
            assertThat(c.matches(record("Amount", new BigDecimal("1500.00")))).isTrue();
            assertThat(c.matches(record("Amount", "1500"))).isTrue();
            assertThat(c.matches(record("Amount", 1500.01d))).isFalse();
        }

        @Test
        void decimalsFromJsonDoublesMatchTheWrittenDecimal() {
            assertThat(when("{field: Rate, equals: 0.1}").matches(record("Rate", 0.1d))).isTrue();
        }

        @Test
        void quotedNumberStaysTextButStillMatchesANumericRecordValue() {
            assertThat(when("{field: Zip, equals: \"01234\"}").matches(record("Zip", "01234"))).isTrue();
            assertThat(when("{field: Zip, equals: \"01234\"}").matches(record("Zip", "1234"))).isFalse();
        }

        @Test
        void booleansMatchBooleansAndTheirText() {
            Condition c = when("{field: IsClosed, equals: true}");
            assertThat(c.matches(record("IsClosed", true))).isTrue();
            assertThat(c.matches(record("IsClosed", "true"))).isTrue();
            assertThat(c.matches(record("IsClosed", false))).isFalse();
            assertThat(c.matches(record("IsClosed", "yes"))).isFalse();
        }

        @Test
        void yesAndNoAreTextNotBooleans() {
            assertThat(when("{field: Country, in: [NO, SE]}").matches(record("Country", "NO"))).isTrue();
        }

        @Test
        void doesNotFireOnNullOrAbsent() {
            Condition c = when("{field: Origin, equals: Web}");
            assertThat(c.matches(record("Origin", null))).isFalse();
            assertThat(c.matches(record())).isFalse();
        }

        @Test
        void firesWhenAListFieldHoldsTheValue() {
            Condition c = when("{field: tags, equals: vip}");
            assertThat(c.matches(record("tags", List.of("billing", "vip")))).isTrue();
            assertThat(c.matches(record("tags", List.of("billing")))).isFalse();
        }

        @Test
        void comparesJavaDatesChronologically() {
            assertThat(when("{field: CloseDate, equals: 2026-03-01}").matches(record("CloseDate", LocalDate.of(2026, 3, 1))))
                    .isTrue();
        }
    }

    @Nested
    class InOperator {
        @Test
        void firesOnAnyListedValue() {
            Condition c = when("{field: Origin, in: [Phone, Web]}");
            assertThat(c.matches(record("Origin", "Phone"))).isTrue();
            assertThat(c.matches(record("Origin", "Web"))).isTrue();
        }

        @Test
        void doesNotFireOnAnUnlistedValueOrAbsent() {
            Condition c = when("{field: Origin, in: [Phone, Web]}");
            assertThat(c.matches(record("Origin", "Email"))).isFalse();
            assertThat(c.matches(record("Origin", "phone"))).isFalse();
            assertThat(c.matches(record())).isFalse();
        }

        @Test
        void ignoresCaseWhenAsked() {
            assertThat(when("{field: Origin, in: [Phone, Web], ignoreCase: true}").matches(record("Origin", "phone")))
                    .isTrue();
        }

        @Test
        void mixesNumbersAndText() {
            Condition c = when("{field: status, in: [2, closed]}");
            assertThat(c.matches(record("status", 2L))).isTrue();
            assertThat(c.matches(record("status", "closed"))).isTrue();
            assertThat(c.matches(record("status", 3L))).isFalse();
        }
    }

    @Nested
    class RegexOperator {
        @Test
        void firesOnAWholeMatch() {
            Condition c = when("{field: Priority, regex: \"(?i)high|urgent\"}");
            assertThat(c.matches(record("Priority", "High"))).isTrue();
            assertThat(c.matches(record("Priority", "URGENT"))).isTrue();
        }

        @Test
        void aPartialMatchIsNotEnough() {
            Condition c = when("{field: Priority, regex: high}");
            assertThat(c.matches(record("Priority", "highest"))).isFalse();
            assertThat(when("{field: Priority, regex: \".*high.*\"}").matches(record("Priority", "highest"))).isTrue();
        }

        @Test
        void seesNumbersInPlainNotation() {
            assertThat(when("{field: Code, regex: \"4\\\\d\\\\d\"}").matches(record("Code", 404L))).isTrue();
            assertThat(when("{field: Code, regex: \"100\"}").matches(record("Code", new BigDecimal("1E+2")))).isTrue();
        }

        @Test
        void doesNotFireOnAbsentOrAMap() {
            Condition c = when("{field: via, regex: \".*\"}");
            assertThat(c.matches(record())).isFalse();
            assertThat(c.matches(record("via", Map.of("channel", "web")))).isFalse();
        }
    }

    @Nested
    class ExistsOperator {
        @Test
        void firesOnAnyRealValue() {
            Condition c = when("{field: Email, exists: true}");
            assertThat(c.matches(record("Email", "a@example.com"))).isTrue();
            assertThat(c.matches(record("Email", 0L))).isTrue();
            assertThat(c.matches(record("Email", false))).isTrue();
            assertThat(c.matches(record("Email", " "))).isTrue();
        }

        @Test
        void nullEmptyTextEmptyListAndMissingAreAbsent() {
            Condition c = when("{field: Email, exists: true}");
            assertThat(c.matches(record("Email", null))).isFalse();
            assertThat(c.matches(record("Email", ""))).isFalse();
            assertThat(c.matches(record("Email", List.of()))).isFalse();
            assertThat(c.matches(record())).isFalse();
        }

        @Test
        void existsFalseFiresOnlyOnAbsent() {
            Condition c = when("{field: Email, exists: false}");
            assertThat(c.matches(record())).isTrue();
            assertThat(c.matches(record("Email", ""))).isTrue();
            assertThat(c.matches(record("Email", "a@example.com"))).isFalse();
        }
    }

    @Nested
    class Comparisons {
        @Test
        void boundariesOfEachOperator() {
            Map<String, Object> five = record("n", 5L);
            assertThat(when("{field: n, gt: 5}").matches(five)).isFalse();
            assertThat(when("{field: n, gte: 5}").matches(five)).isTrue();
            assertThat(when("{field: n, lt: 5}").matches(five)).isFalse();
            assertThat(when("{field: n, lte: 5}").matches(five)).isTrue();
            assertThat(when("{field: n, gt: 4.99}").matches(five)).isTrue();
            assertThat(when("{field: n, lt: 5.01}").matches(five)).isTrue();
        }

        @Test
        void numbersCompareNumericallyNotAsText() {
            assertThat(when("{field: n, gt: 9}").matches(record("n", 10))).isTrue();
            assertThat(when("{field: n, gt: 9}").matches(record("n", "10"))).isTrue();
            assertThat(when("{field: n, gt: \"9\"}").matches(record("n", "10"))).isTrue();
            assertThat(when("{field: n, lt: 2.5}").matches(record("n", 2.25d))).isTrue();
        }

        @Test
        void aWordAgainstANumberNeverFires() {
            Map<String, Object> word = record("n", "abc");
            assertThat(when("{field: n, gt: 5}").matches(word)).isFalse();
            assertThat(when("{field: n, lte: 5}").matches(word)).isFalse();
            assertThat(when("{field: n, gt: abc}").matches(record("n", 5L))).isFalse();
            assertThat(when("{field: n, lt: abc}").matches(record("n", 5L))).isFalse();
        }

        @Test
        void textComparesByCodePoint() {
            assertThat(when("{field: s, gt: apple}").matches(record("s", "banana"))).isTrue();
            assertThat(when("{field: s, lt: apple}").matches(record("s", "banana"))).isFalse();
            assertThat(when("{field: s, gte: apple}").matches(record("s", "apple"))).isTrue();
        }

        @Test
        void absentNullAndBooleansNeverFire() {
            Condition c = when("{field: n, lt: 5}");
            assertThat(c.matches(record())).isFalse();
            assertThat(c.matches(record("n", null))).isFalse();
            assertThat(c.matches(record("n", true))).isFalse();
            assertThat(when("{field: n, gt: 5}").matches(record("n", Double.NaN))).isFalse();
        }
    }

    @Nested
    class Dates {
        @Test
        void datesCompareChronologically() {
            Condition c = when("{field: CloseDate, gte: \"2026-01-01\"}");
            assertThat(c.matches(record("CloseDate", "2026-01-01"))).isTrue();
            assertThat(c.matches(record("CloseDate", "2026-02-01"))).isTrue();
            assertThat(c.matches(record("CloseDate", "2025-12-31"))).isFalse();
        }

        @Test
        void aDateBoundCoversTheWholeDayOfADatetime() {
            Map<String, Object> lateOnTheDay = record("CreatedDate", "2026-01-31T23:59:59Z");
            assertThat(when("{field: CreatedDate, lte: 2026-01-31}").matches(lateOnTheDay)).isTrue();
            assertThat(when("{field: CreatedDate, gte: 2026-01-31}").matches(lateOnTheDay)).isTrue();
            assertThat(when("{field: CreatedDate, gt: 2026-01-31}").matches(lateOnTheDay)).isFalse();
            assertThat(when("{field: CreatedDate, lt: 2026-02-01}").matches(lateOnTheDay)).isTrue();
        }

        @Test
        void datetimesCompareAsInstantsAcrossOffsetsAndVendorFormats() {
            Condition c = when("{field: created_at, lt: \"2026-01-05T09:00:00Z\"}");
            assertThat(c.matches(record("created_at", "2026-01-05T10:00:00+02:00"))).isTrue();
            assertThat(c.matches(record("created_at", "2026-01-05T08:59:59.000+0000"))).isTrue();
            assertThat(c.matches(record("created_at", "2026-01-05 08:00:00"))).isTrue();
            assertThat(c.matches(record("created_at", "2026-01-05T09:00:00Z"))).isFalse();
            assertThat(c.matches(record("created_at", "2026-01-05T10:00:00+00:00"))).isFalse();
        }

        @Test
        void javaTimeValuesFromTheSalesforceConverterCompareToo() {
            assertThat(when("{field: d, gt: 2026-01-01}").matches(record("d", LocalDate.of(2026, 1, 2)))).isTrue();
            assertThat(when("{field: d, lt: \"2026-01-01T00:00:01Z\"}")
                    .matches(record("d", Instant.parse("2026-01-01T00:00:00Z")))).isTrue();
        }

        @Test
        void aNonDateAgainstADateNeverFires() {
            Condition c = when("{field: d, lt: 2026-01-01}");
            assertThat(c.matches(record("d", "soon"))).isFalse();
            assertThat(c.matches(record("d", "2026-13-45"))).isFalse();
            assertThat(c.matches(record("d", 20251231L))).isFalse();
        }
    }

    @Nested
    class NestedPaths {
        @Test
        void reachIntoNestedMaps() {
            assertThat(when("{field: via.channel, equals: chat}")
                    .matches(record("via", Map.of("channel", "chat")))).isTrue();
            assertThat(when("{field: Account.Name, equals: Acme}")
                    .matches(record("Account", Map.of("type", "Account", "Name", "Acme")))).isTrue();
        }

        @Test
        void aMissingNullOrScalarPartMakesTheFieldAbsent() {
            Condition c = when("{field: via.channel, exists: true}");
            assertThat(c.matches(record())).isFalse();
            assertThat(c.matches(record("via", null))).isFalse();
            assertThat(c.matches(record("via", "web"))).isFalse();
            assertThat(c.matches(record("via", Map.of()))).isFalse();
            assertThat(when("{not: {field: via.source.from.address, equals: x}}").matches(record("via", null))).isTrue();
        }

        @Test
        void aFlattenedDottedKeyIsFoundToo() {
            assertThat(when("{field: Account.Name, equals: Acme}").matches(record("Account.Name", "Acme"))).isTrue();
        }
    }

    @Nested
    class Combinators {
        final Condition phoneOrWebOpen = when("""
                all:
                  - field: Origin
                    in: [Phone, Web]
                  - not: { field: IsClosed, equals: true }
                """);

        @Test
        void allNeedsEveryPart() {
            assertThat(phoneOrWebOpen.matches(record("Origin", "Web", "IsClosed", false))).isTrue();
            assertThat(phoneOrWebOpen.matches(record("Origin", "Web", "IsClosed", true))).isFalse();
            assertThat(phoneOrWebOpen.matches(record("Origin", "Email", "IsClosed", false))).isFalse();
        }

        @Test
        void notFiresOnAnAbsentField() {
            assertThat(phoneOrWebOpen.matches(record("Origin", "Phone"))).isTrue();
        }

        @Test
        void anyNeedsOnePart() {
            Condition c = when("""
                    any:
                      - { field: via.channel, equals: chat }
                      - { field: Priority, regex: "(?i)urgent" }
                    """);
            assertThat(c.matches(record("Priority", "Urgent"))).isTrue();
            assertThat(c.matches(record("via", Map.of("channel", "chat")))).isTrue();
            assertThat(c.matches(record("via", Map.of("channel", "web"), "Priority", "low"))).isFalse();
        }
    }
}
