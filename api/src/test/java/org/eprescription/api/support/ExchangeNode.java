package org.eprescription.api.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eprescription.PrescriptionExchangeApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An exchange a test starts itself on a database of its own (a restart, another configuration, a second node): the
 * test's PostgreSQL credentials, no scheduled sweeps, a free port, and whatever else the test passes.
 */
public final class ExchangeNode {

    private ExchangeNode() {
    }

    public static ConfigurableApplicationContext start(String url, String codeKey, List<String> more) {
        return run(arguments(url, codeKey, more));
    }

    public static ConfigurableApplicationContext start(String url, String codeKey, String... more) {
        return start(url, codeKey, List.of(more));
    }

    /**
     * As {@link #start(String, String, List)}, with the exchange-code key of the test's database ({@link #codeKeyOf}):
     * every node a test starts on {@code url} issues and reads the same codes, and no test needs a key of its own.
     */
    public static ConfigurableApplicationContext startOnDatabase(String url, List<String> more) {
        return start(url, codeKeyOf(url), more);
    }

    public static ConfigurableApplicationContext startOnDatabase(String url, String... more) {
        return startOnDatabase(url, List.of(more));
    }

    /** An exchange-code key derived from the name of the database {@code url} names. */
    public static String codeKeyOf(String url) {
        String database = url.substring(url.lastIndexOf('/') + 1).split("\\?")[0];
        return database + "-test-key-0123456789abcdef";
    }

    /**
     * As {@link #start(String, String, String...)}, with the beans of {@code more} added: a class that is not a
     * {@code @Configuration} (so that no scan of the application picks it up) whose {@code @Bean} methods replace
     * the application's with {@code @Primary} ones, a fault the test injects.
     */
    public static ConfigurableApplicationContext startWith(Class<?> beans, String url, String codeKey,
                                                           String... more) {
        return run(arguments(url, codeKey, List.of(more)), application -> application.sources(beans));
    }

    /** As {@link #start(String, String, String...)}, on the test's {@code clock}, which it moves. */
    public static ConfigurableApplicationContext startOn(TestClock clock, String url, String codeKey,
                                                         String... more) {
        return run(arguments(url, codeKey, List.of(more)), application -> application.initializers(context ->
                ((GenericApplicationContext) context).registerBean("movedClock", TestClock.class, () -> clock,
                        definition -> definition.setPrimary(true))));
    }

    /** Without a database of the test's: the embedded one, or whatever {@code arguments} configure. */
    public static ConfigurableApplicationContext run(List<String> arguments) {
        return run(arguments, application -> { });
    }

    private static List<String> arguments(String url, String codeKey, List<String> more) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + IsolatedDatabase.user(),
                "--spring.datasource.password=" + IsolatedDatabase.password(),
                "--exchange.exchange-code-key=" + codeKey));
        arguments.addAll(more);
        return arguments;
    }

    /** The application: no scheduled sweeps, a free port, {@code arguments}, and what {@code adding} adds. */
    private static ConfigurableApplicationContext run(List<String> arguments,
                                                      Consumer<SpringApplicationBuilder> adding) {
        List<String> all = new ArrayList<>(List.of("--exchange.scheduling.enabled=false", "--server.port=0"));
        all.addAll(arguments);
        SpringApplicationBuilder application = new SpringApplicationBuilder(PrescriptionExchangeApplication.class);
        adding.accept(application);
        return application.run(all.toArray(String[]::new));
    }

    public static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public static HttpApi api(ConfigurableApplicationContext context) {
        return new HttpApi("http://127.0.0.1:" + port(context), context.getBean(ObjectMapper.class));
    }
}
