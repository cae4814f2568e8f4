package dev.journeyconnector.journey;

import dev.journeyconnector.journey.Vocabulary.Term;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VocabularyTest {
    private final Vocabulary v = Vocabulary.defaults();

    @Test
    void defaultStagesAreInJourneyOrderWithChurnLast() {
        assertThat(v.stageNames()).containsExactly("awareness", "engagement", "purchase", "onboarding", "service",
                "retention", "churn");
        assertThat(v.stages()).extracting(Term::name).doesNotContain("churn");
        assertThat(v.churn().name()).isEqualTo("churn");
    }

    @Test
    void defaultChannelsDepartmentsAndDevices() {
        assertThat(v.channels()).extracting(Term::name).containsExactly("email", "web", "phone", "chat", "social",
                "in_person", "sms", "mobile_app", "api");
        assertThat(v.departments()).extracting(Term::name).containsExactly("marketing", "sales", "onboarding",
                "support", "billing");
        assertThat(v.devices()).extracting(Term::name).containsExactly("desktop", "mobile", "tablet", "unknown");
        assertThat(v.defaultDevice()).isEqualTo("unknown");
    }

    @Test
    void sentimentsAreFixed() {
        assertThat(Sentiment.wireNames()).containsExactly("positive", "neutral", "negative");
        assertThat(v.requireSentiment("negative")).isEqualTo(Sentiment.NEGATIVE);
        assertThatThrownBy(() -> v.requireSentiment("angry")).hasMessage(
                "unknown sentiment 'angry'; known sentiments: positive, neutral, negative");
    }

    @Test
    void lookupsReturnTheTermOrEmpty() {
        assertThat(v.stage("service")).map(Term::label).contains("Service");
        assertThat(v.stage("churn")).isPresent();
        assertThat(v.stage("Service")).isEmpty();
        assertThat(v.channel("in_person")).map(Term::label).contains("In person");
        assertThat(v.channel("sms")).map(Term::label).contains("SMS");
        assertThat(v.department("fax")).isEmpty();
        assertThat(v.device("tablet")).isPresent();
    }

    @Test
    void anUnknownNameFailsListingTheKnownOnes() {
        assertThatThrownBy(() -> v.requireStage("x")).isInstanceOf(IllegalArgumentException.class).hasMessage(
                "unknown stage 'x'; known stages: awareness, engagement, purchase, onboarding, service, retention, churn");
        assertThatThrownBy(() -> v.requireChannel("fax"))
                .hasMessageStartingWith("unknown channel 'fax'; known channels: email, web");
        assertThatThrownBy(() -> v.requireDepartment("legal"))
                .hasMessage("unknown department 'legal'; known departments: marketing, sales, onboarding, support, billing");
        assertThatThrownBy(() -> v.requireDevice("watch"))
                .hasMessage("unknown device 'watch'; known devices: desktop, mobile, tablet, unknown");
    }

    @Test
    void stageOrderComparesHowFarTheCustomerGot() {
        assertThat(v.stageOrder("awareness")).isZero();
        assertThat(v.stageOrder("retention")).isEqualTo(5);
        assertThat(v.isBefore("engagement", "purchase")).isTrue();
        assertThat(v.isBefore("service", "onboarding")).isFalse();
        assertThat(v.isBefore("service", "service")).isFalse();
    }

    @Test
    void churnIsTerminalAndOutsideTheOrder() {
        assertThat(v.isTerminal("churn")).isTrue();
        assertThat(v.isTerminal("retention")).isFalse();
        assertThatThrownBy(() -> v.stageOrder("churn")).hasMessageContaining("outside the journey order");
        assertThatThrownBy(() -> v.isBefore("retention", "churn")).hasMessageContaining("outside the journey order");
        assertThatThrownBy(() -> v.isTerminal("gone")).hasMessageStartingWith("unknown stage 'gone'");
        assertThatThrownBy(() -> v.stageOrder("gone")).hasMessageStartingWith("unknown stage 'gone'");
    }

    @Test
    void aLabelIsMadeFromTheNameWhenNotGiven() {
        assertThat(Term.of("mobile_app").label()).isEqualTo("Mobile app");
        assertThat(Term.of("x", "  ", " ").label()).isEqualTo("X");
        assertThat(Term.of("x", "  ", " ").description()).isNull();
    }

    @Test
    void theConstructorReportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> new Vocabulary(List.of(Term.of("a"), Term.of("a"), Term.of("Bad Name")),
                Term.of("a"), List.of(), List.of(Term.of("sales")), List.of(Term.of("desktop")), "phone"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid vocabulary: "
                        + "stages[1].name: 'a' is listed twice; first at stages[0].name; "
                        + "stages[2].name: 'Bad Name' is not a valid name; use lower case letters, digits and "
                        + "underscores, starting with a letter (at most 40), e.g. in_person; "
                        + "churn.name: 'a' is listed twice; first at stages[0].name; "
                        + "channels: the list is empty; it needs at least one entry; "
                        + "defaults.device: 'phone' is not one of the devices (desktop)");
    }

    @Test
    void churnIsRequired() {
        assertThatThrownBy(() -> new Vocabulary(List.of(Term.of("a")), null, List.of(Term.of("web")),
                List.of(Term.of("sales")), List.of(Term.of("desktop")), "desktop"))
                .hasMessageContaining("churn: the churn stage is missing");
    }

    @Test
    void nullEntriesAreRejected() {
        assertThatThrownBy(() -> new Vocabulary(java.util.Arrays.asList(Term.of("a"), null), Term.of("churn"),
                List.of(Term.of("web")), List.of(Term.of("sales")), List.of(Term.of("desktop")), "desktop"))
                .hasMessageContaining("null entry");
    }

    @Test
    void listsAreCopied() {
        List<Term> stages = new java.util.ArrayList<>(List.of(Term.of("a")));
        Vocabulary small = new Vocabulary(stages, Term.of("churn"), List.of(Term.of("web")),
                List.of(Term.of("sales")), List.of(Term.of("desktop")), "desktop");
        stages.add(Term.of("b"));
        assertThat(small.stageNames()).containsExactly("a", "churn");
    }
}
