package dev.journeyconnector.app;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every option of every Camel endpoint of ours is what an ops admin reads when writing a route: each
 * must say what it does. Finds the endpoints itself, so a new component is covered without editing this.
 */
class EndpointOptionsTest {

    @Test
    void everyEndpointOptionHasADescription() throws Exception {
        List<Class<?>> endpoints = endpointClasses();
        assertThat(endpoints).as("endpoint classes found").isNotEmpty();

        List<String> undescribed = new ArrayList<>();
        for (Class<?> endpoint : endpoints) {
            for (Field f : endpoint.getDeclaredFields()) {
                UriParam param = f.getAnnotation(UriParam.class);
                UriPath path = f.getAnnotation(UriPath.class);
                if (param == null && path == null) {
                    continue;
                }
                String description = param != null ? param.description() : path.description();
                Metadata metadata = f.getAnnotation(Metadata.class);
                if (description.isBlank() && metadata != null) {
                    description = metadata.description();
                }
                if (description.isBlank()) {
                    undescribed.add(endpoint.getSimpleName() + "." + f.getName());
                }
            }
        }
        assertThat(undescribed).as("options without a description").isEmpty();
    }

    private static List<Class<?>> endpointClasses() throws Exception {
        Path classes = Path.of("target", "classes");
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, EndpointOptionsTest.class.getClassLoader());
                if (c.isAnnotationPresent(UriEndpoint.class)) {
                    out.add(c);
                }
            }
        }
        return out;
    }
}
