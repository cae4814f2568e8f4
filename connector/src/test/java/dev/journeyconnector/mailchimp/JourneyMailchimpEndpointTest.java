package dev.journeyconnector.mailchimp;

import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every option is declared once, fully: an option without a description fails the build. */
class JourneyMailchimpEndpointTest {

    @Test
    void everyUriOptionHasADescription() {
        List<Field> options = Arrays.stream(JourneyMailchimpEndpoint.class.getDeclaredFields())
                .filter(f -> f.isAnnotationPresent(UriParam.class) || f.isAnnotationPresent(UriPath.class))
                .toList();

        assertThat(options).extracting(Field::getName).contains("object", "startDate", "pageSize", "maxConnections");
        assertThat(options).allSatisfy(f -> assertThat(description(f)).as("description of option " + f.getName()).isNotBlank());
    }

    @Test
    void theObjectPathListsExactlyTheObjectsTheConsumerPulls() throws Exception {
        String enums = JourneyMailchimpEndpoint.class.getDeclaredField("object").getAnnotation(UriPath.class).enums();
        assertThat(enums.split(",")).containsExactly(Arrays.stream(MailchimpObject.values()).map(MailchimpObject::uriName).toArray(String[]::new));
    }

    private static String description(Field f) {
        UriParam param = f.getAnnotation(UriParam.class);
        return param != null ? param.description() : f.getAnnotation(UriPath.class).description();
    }
}
