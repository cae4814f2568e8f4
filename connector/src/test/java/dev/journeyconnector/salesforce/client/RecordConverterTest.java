package dev.journeyconnector.salesforce.client;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Calendar;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordConverterTest {

    @Test void idIsText() { assertThat(RecordConverter.fromSoap("006A000000LZhwNIAT", "id")).isEqualTo("006A000000LZhwNIAT"); }
    @Test void picklistIsText() { assertThat(RecordConverter.fromSoap("Prospecting", "picklist")).isEqualTo("Prospecting"); }
    @Test void booleanIsBoolean() { assertThat(RecordConverter.fromSoap("true", "boolean")).isEqualTo(true); }
    @Test void intIsLong() { assertThat(RecordConverter.fromSoap("250", "int")).isEqualTo(250L); }
    @Test void doubleIsBigDecimal() { assertThat(RecordConverter.fromSoap("0.125", "double")).isEqualTo(new BigDecimal("0.125")); }
    @Test void currencyIsBigDecimal() { assertThat(RecordConverter.fromSoap("15000.5", "currency")).isEqualTo(new BigDecimal("15000.5")); }
    @Test void percentIsBigDecimal() { assertThat(RecordConverter.fromSoap("10.0", "percent")).isEqualTo(new BigDecimal("10.0")); }
    @Test void dateIsLocalDate() { assertThat(RecordConverter.fromSoap("2013-06-30", "date")).isEqualTo(LocalDate.of(2013, 6, 30)); }
    @Test void datetimeIsInstant() { assertThat(RecordConverter.fromSoap("2013-05-03T18:26:57.000Z", "datetime")).isEqualTo(Instant.parse("2013-05-03T18:26:57Z")); }
    @Test void timeIsLocalTime() { assertThat(RecordConverter.fromSoap("10:15:00.000Z", "time")).isEqualTo(LocalTime.of(10, 15)); }
    @Test void typedIntegerBecomesLong() { assertThat(RecordConverter.fromSoap(7, "int")).isEqualTo(7L); }

    @Test void instantIsSentAsUtcCalendar() {
        Calendar sent = (Calendar) RecordConverter.toSoap(Instant.parse("2026-05-01T10:00:00Z"), field("CreatedDate", "datetime"));
        assertThat(sent.toInstant()).isEqualTo(Instant.parse("2026-05-01T10:00:00Z"));
        assertThat(sent.getTimeZone().getRawOffset()).isZero();
    }
    @Test void longIsSentAsIntForIntFields() { assertThat(RecordConverter.toSoap(250L, field("NumberOfEmployees", "int"))).isEqualTo(250); }
    @Test void bigDecimalIsSentAsDoubleForCurrency() { assertThat(RecordConverter.toSoap(new BigDecimal("12.5"), field("Amount", "currency"))).isEqualTo(12.5d); }
    @Test void localDateIsSentAsIsoText() { assertThat(RecordConverter.toSoap(LocalDate.of(2026, 5, 1), field("CloseDate", "date"))).isEqualTo("2026-05-01"); }
    @Test void multipicklistListIsJoinedWithSemicolons() { assertThat(RecordConverter.toSoap(List.of("A", "B"), field("Interests__c", "multipicklist"))).isEqualTo("A;B"); }
    @Test void aFractionForAnIntFieldIsRefused() { assertThatThrownBy(() -> RecordConverter.toSoap(new BigDecimal("1.5"), field("NumberOfEmployees", "int"))).isInstanceOf(ArithmeticException.class); }
    @Test void nestedMapsAreRefused() { assertThatThrownBy(() -> RecordConverter.toSoap(java.util.Map.of("Name", "x"), field("AccountId", "reference"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AccountId"); }

    private static FieldDescription field(String name, String type) {
        return new FieldDescription(name, type, true, true, true, true, List.of(), null, List.of());
    }
}
