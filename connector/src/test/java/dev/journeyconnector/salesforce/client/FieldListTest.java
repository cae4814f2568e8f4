package dev.journeyconnector.salesforce.client;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FieldListTest {
    private static final SObjectDescription CONTACT = new SObjectDescription("Contact", "003", true, true, true, Map.of(
            "Id", field("Id", "id"),
            "Name", field("Name", "string"),
            "Email", field("Email", "email"),
            "AccountId", new FieldDescription("AccountId", "reference", true, true, true, true, List.of("Account"), "Account", List.of()),
            "OwnerId", new FieldDescription("OwnerId", "reference", false, true, true, true, List.of("Group", "User"), "Owner", List.of())));
    private static final Map<String, SObjectDescription> PARENTS = Map.of(
            "Account", new SObjectDescription("Account", "001", true, true, true, Map.of("Id", field("Id", "id"), "Name", field("Name", "string"))),
            "Group", new SObjectDescription("Group", "00G", true, true, true, Map.of("Name", field("Name", "string"))),
            "User", new SObjectDescription("User", "005", true, true, true, Map.of("Name", field("Name", "string"), "Email", field("Email", "email"))));
    private static final Function<String, SObjectDescription> DESCRIBE = PARENTS::get;

    @Test
    void knownFieldsComeBackInCanonicalSpellingWithoutDuplicates() {
        assertThat(FieldList.validate(CONTACT, List.of("id", "NAME", "Email", "Id"))).containsExactly("Id", "Name", "Email");
    }

    @Test
    void parentPathsAreCheckedAgainstTheParentsDescribe() {
        assertThat(FieldList.validate(CONTACT, List.of("account.name", "Owner.Email"), DESCRIBE))
                .containsExactly("Account.Name", "Owner.Email");
    }

    @Test
    void allUnknownFieldsAreReportedAtOnceWithTheObject() {
        UnknownFieldsException failure = catchThrowableOfType(UnknownFieldsException.class,
                () -> FieldList.validate(CONTACT, List.of("Name", "adfId", "Account.Nmae", "Foo.Bar", "Name) FROM User --"), DESCRIBE));

        assertThat(failure.sobject()).isEqualTo("Contact");
        assertThat(failure.unknownFields()).containsExactly("adfId", "Account.Nmae", "Foo.Bar", "Name) FROM User --");
        assertThat(failure.getMessage()).contains("Contact").contains("adfId, Account.Nmae, Foo.Bar");
        assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void pathsNeedTheParentDescribe() {
        assertThat(catchThrowableOfType(UnknownFieldsException.class,
                () -> FieldList.validate(CONTACT, List.of("Account.Name"))).unknownFields()).containsExactly("Account.Name");
    }

    @Test
    void deeperPathsAreRefused() {
        assertThat(catchThrowableOfType(UnknownFieldsException.class,
                () -> FieldList.validate(CONTACT, List.of("Account.Owner.Name"), DESCRIBE)).unknownFields())
                .containsExactly("Account.Owner.Name");
    }

    @Test
    void selectJoinsTheValidatedNames() {
        assertThat(FieldList.select(CONTACT, List.of("Id", "Account.Name"), DESCRIBE)).isEqualTo("Id, Account.Name");
    }

    private static FieldDescription field(String name, String type) {
        return new FieldDescription(name, type, true, true, true, true, List.of(), null, List.of());
    }
}
