package dev.journeyconnector.zendesk;

import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every option of the endpoint is described where it is declared (debezium's allFieldsShouldHaveDescription). */
class JourneyZendeskEndpointOptionsTest {

    @Test
    void everyUriOptionHasADescription() {
        List<String> options = new ArrayList<>();
        List<String> undescribed = new ArrayList<>();
        for (Field f : JourneyZendeskEndpoint.class.getDeclaredFields()) {
            String description = null;
            if (f.isAnnotationPresent(UriParam.class)) {
                description = f.getAnnotation(UriParam.class).description();
            } else if (f.isAnnotationPresent(UriPath.class)) {
                description = f.getAnnotation(UriPath.class).description();
            } else {
                continue;
            }
            options.add(f.getName());
            if (description == null || description.isBlank()) {
                undescribed.add(f.getName());
            }
        }
        assertThat(options).contains("object", "startDate", "pageSize");
        assertThat(undescribed).as("@UriParam/@UriPath fields without a description").isEmpty();
    }
}
