package dev.journeyconnector.mapping;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped {@code mappings/personas.yaml} applied to the sandbox's demo world (docs/sandbox.md, Personas). */
class ShippedPersonasTest {

    private static final String LEISURE = "leisure-traveller";
    private static final String BANKING = "small-business-banking-client";
    private static final String RETAIL = "retail-shopper";
    private static final String DEFAULT = "unclassified";

    private static Personas personas;
    private static List<Map<String, Object>> contacts;
    private static Map<String, Map<String, Object>> accounts;
    private static Map<String, Map<String, Object>> leadsByContact;
    private static List<Map<String, Object>> leads;

    @BeforeAll
    static void load() throws MappingException {
        personas = PersonaLoader.load(shippedFile());
        contacts = records("Contact.json");
        accounts = records("Account.json").stream()
                .collect(Collectors.toMap(a -> (String) a.get("Id"), Function.identity()));
        leads = records("Lead.json");
        leadsByContact = new HashMap<>();
        leads.stream().filter(l -> l.get("ConvertedContactId") != null)
                .forEach(l -> leadsByContact.put((String) l.get("ConvertedContactId"), l));
    }

    /** The repository's mappings/personas.yaml, found from the module directory Maven runs tests in. */
    private static Path shippedFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve("mappings/personas.yaml");
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new IllegalStateException("mappings/personas.yaml not found above " + Path.of("").toAbsolutePath());
    }

    private static List<Map<String, Object>> records(String file) {
        String resource = "worlds/demo/salesforce/" + file;
        try (InputStream in = ShippedPersonasTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new ObjectMapper().readValue(in, new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String personaOfContact(Map<String, Object> contact) {
        return personas.personaOf(contact, accounts.get((String) contact.get("AccountId")),
                leadsByContact.get((String) contact.get("Id")));
    }

    private static String personaOf(String firstName, String lastName) {
        Map<String, Object> contact = contacts.stream()
                .filter(c -> firstName.equals(c.get("FirstName")) && lastName.equals(c.get("LastName")))
                .findFirst().orElseThrow(() -> new AssertionError("no demo Contact " + firstName + " " + lastName));
        return personaOfContact(contact);
    }

    @Test
    void shipsTheDemoWorldsPersonas() {
        assertThat(personas.all()).extracting(Persona::id).containsExactly(LEISURE, BANKING, RETAIL, DEFAULT);
        assertThat(personas.all()).extracting(Persona::name).containsExactly("Leisure traveller",
                "Small-business banking client", "Retail shopper", "Unclassified");
    }

    @Test
    void idsAndNamesAreThoseOfTheWorld() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("worlds/demo/world.json")) {
            Map<String, Object> world = new ObjectMapper().readValue(in, new TypeReference<>() { });
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> worldPersonas = (List<Map<String, Object>>) world.get("personas");
            assertThat(personas.rules()).extracting(Persona::id)
                    .containsExactlyElementsOf(worldPersonas.stream().map(p -> (String) p.get("key")).toList());
            assertThat(personas.rules()).extracting(Persona::name)
                    .containsExactlyElementsOf(worldPersonas.stream().map(p -> (String) p.get("name")).toList());
        }
    }

    @Test
    void storyCustomersGetTheirPersonas() {
        assertThat(personaOf("Trey", "Weller")).isEqualTo(LEISURE);
        assertThat(personaOf("Amira", "Haddad")).isEqualTo(BANKING);
        assertThat(personaOf("Nadia", "Petrova")).isEqualTo(RETAIL);
    }

    @Test
    void theDocumentedExamplesGetTheirPersonas() {
        assertThat(List.of(personaOf("Mei", "Tanaka"), personaOf("Jonas", "Becker"))).containsOnly(LEISURE);
        assertThat(List.of(personaOf("Lena", "Hoffmann"), personaOf("Chinedu", "Okafor"))).containsOnly(BANKING);
        assertThat(personaOf("Kofi", "Asante")).isEqualTo(RETAIL);
        // Online shop customers have no Account.
        assertThat(personaOf("Tom", "Harris")).isEqualTo(RETAIL);
    }

    @Test
    void everyDemoContactGetsAPersonaAndOnlyPartnerStaffTheDefault() {
        assertThat(contacts).hasSizeGreaterThan(40);
        for (Map<String, Object> contact : contacts) {
            Map<String, Object> account = accounts.get((String) contact.get("AccountId"));
            String persona = personaOfContact(contact);
            String who = contact.get("FirstName") + " " + contact.get("LastName");
            assertThat(personas.byId(persona)).as(who).isPresent();
            boolean partner = account != null && "Partner".equals(account.get("Type"));
            // Alpine Travel Partners is a reseller, not a persona (docs/sandbox.md).
            assertThat(persona.equals(DEFAULT)).as(who + " -> " + persona).isEqualTo(partner);
        }
    }

    @Test
    void openLeadsGetThePersonaOfTheirIndustry() {
        Map<String, String> byIndustry = Map.of("Hospitality", LEISURE, "Banking", BANKING, "Retail", RETAIL);
        List<Map<String, Object>> open = leads.stream().filter(l -> l.get("ConvertedContactId") == null).toList();
        assertThat(open).isNotEmpty();
        for (Map<String, Object> lead : open) {
            assertThat(personas.personaOf(null, null, lead)).as((String) lead.get("Company"))
                    .isEqualTo(byIndustry.get((String) lead.get("Industry")));
        }
    }
}
