package dev.journeyconnector.mapping;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SpellingTest {

    private static final List<String> CASE = List.of("Origin", "Priority", "AccountId", "CreatedDate", "Status", "Id");

    @Test
    void suggestsTheSameLettersInAnotherCaseFirst() {
        assertThat(Spelling.closest("origin", CASE)).contains("Origin");
        assertThat(Spelling.closest("ID", CASE)).contains("Id");
    }

    @Test
    void suggestsATypoOrASwapOfTwoLetters() {
        assertThat(Spelling.closest("Orgin", CASE)).contains("Origin");
        assertThat(Spelling.closest("Oirgin", CASE)).contains("Origin");
        assertThat(Spelling.closest("Priorty", CASE)).contains("Priority");
    }

    @Test
    void suggestsTheNameAShortOneBegins() {
        assertThat(Spelling.closest("Account", CASE)).contains("AccountId");
        assertThat(Spelling.closest("Created", CASE)).contains("CreatedDate");
    }

    @Test
    void suggestsNothingForAnUnrelatedName() {
        assertThat(Spelling.closest("Shoe_Size__c", CASE)).isEmpty();
        assertThat(Spelling.closest("Sta", CASE)).isEmpty(); // too short to guess a prefix from
        assertThat(Spelling.closest("Iq", List.of("Id"))).contains("Id");
        assertThat(Spelling.closest("Xy", List.of("Id"))).isEmpty();
    }

    @Test
    void distanceCountsEditsAndSwaps() {
        assertThat(Spelling.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Spelling.distance("ab", "ba")).isEqualTo(1);
        assertThat(Spelling.distance("", "abc")).isEqualTo(3);
    }
}
