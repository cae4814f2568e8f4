package dev.journeyconnector.sandbox.salesforce.soql;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A value on the right side of a WHERE comparison, still untyped: the field decides what it must be. */
sealed interface Literal {

    record Text(StringLiteral value) implements Literal {
    }

    record Numeric(BigDecimal value) implements Literal {
    }

    record Bool(boolean value) implements Literal {
    }

    record Null() implements Literal {
    }

    record Date(LocalDate value) implements Literal {
    }

    record DateTime(Instant value) implements Literal {
    }

    /**
     * A date literal keyword such as TODAY or LAST_N_DAYS:7, which stands for a range of whole days
     * relative to the query's clock (SOQL reference, "Date Formats and Date Literals").
     *
     * @param keyword upper-case keyword
     * @param n       the day count of the N_DAYS forms, 0 otherwise
     */
    record RelativeDate(String keyword, int n) implements Literal {
    }
}
