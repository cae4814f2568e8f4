package dev.journeyconnector.it;

import dev.journeyconnector.testing.MappingFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RouteFileErrorIT {

    @TempDir
    Path dir;

    @Test
    void aRouteFileWithAYamlSyntaxErrorStopsStartUpNamingTheFileAndLine() throws Exception {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        Files.copy(Cli.ROUTES.resolve("error-handling.yaml"), routes.resolve("error-handling.yaml"));
        Files.copy(Cli.ROUTES.resolve("pipeline.yaml"), routes.resolve("pipeline.yaml"));
        Files.writeString(routes.resolve("broken-pull.yaml"), """
                - route:
                    id: pull-salesforce-contacts
                    from:
                      uri: journey-salesforce:Contact
                      parameters:
                        fields: FirstName,LastName
                       steps:
                        - to: "{{journey.hop.raw}}"
                """);

        Cli run = Cli.run(Map.of("JOURNEY_ROUTES_DIR", routes.toString(), "JOURNEY_MAPPINGS_DIR",
                MappingFolders.withoutTouchpointMappings(dir.resolve("mappings")).toString()), dir.resolve("data"), "--once");

        // The mapping check reads the routes before anything starts, so it is the one that finds the YAML error.
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("could not start").containsPattern("broken-pull\\.yaml:7: not valid YAML")
                .contains("Nothing was started");
    }

    @Test
    void aRouteAskingForAFieldDescribeDoesNotConfirmFailsThatPullAloneNamingTheField() throws Exception {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        Files.copy(Cli.ROUTES.resolve("error-handling.yaml"), routes.resolve("error-handling.yaml"));
        Files.copy(Cli.ROUTES.resolve("pipeline.yaml"), routes.resolve("pipeline.yaml"));
        Files.writeString(routes.resolve("pull.yaml"), """
                - route:
                    id: pull-salesforce-contacts
                    routeConfigurationId: journey-pull-errors
                    from:
                      uri: journey-salesforce:Contact
                      parameters:
                        fields: FirstName,Shoe_Size__c,LastName,Favourite_Colour__c
                        repeatCount: "{{journey.poll.repeat}}"
                      steps:
                        - to: "{{journey.hop.raw}}"
                - route:
                    id: pull-salesforce-accounts
                    routeConfigurationId: journey-pull-errors
                    from:
                      uri: journey-salesforce:Account
                      parameters:
                        fields: Name
                        repeatCount: "{{journey.poll.repeat}}"
                      steps:
                        - to: "{{journey.hop.raw}}"
                """);

        Cli run = Cli.run(Map.of("JOURNEY_ROUTES_DIR", routes.toString(), "JOURNEY_MAPPINGS_DIR",
                MappingFolders.withoutTouchpointMappings(dir.resolve("mappings")).toString()), dir.resolve("data"), "--once");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("Pull of Salesforce Contact failed")
                .contains("Shoe_Size__c, Favourite_Colour__c");
        assertThat(run.out()).containsPattern("salesforce Account\\s+47\\s+47")
                .contains("FAILED");
    }
}
