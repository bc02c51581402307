package org.eprescription.axonserver;

import org.eprescription.api.config.ProjectionProcessorLayout;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.axonserver.connector.query.AxonServerQueryBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.queryhandling.QueryBus;
import org.eprescription.PrescriptionExchangeApplication;
import org.eprescription.api.eventlog.AxonEventLog;
import org.eprescription.api.eventlog.EventFilter;
import org.eprescription.api.eventlog.EventLog;
import org.eprescription.api.eventlog.JdbcEventLog;
import org.eprescription.api.eventlog.StoredEvent;
import org.eprescription.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The application under the {@code axonserver} profile, with no Axon Server reachable (none can run here): what
 * can be checked is the wiring. Events, commands and queries are given to Axon Server's components, and nothing
 * writes events to PostgreSQL, which keeps only tokens and projections.
 *
 * <p>A processor's first start asks the event store for its head token and blocks until it answers, so without a
 * server the application would never start. The test database is therefore given the processors' tokens as a first
 * start against a reachable server leaves them; from there the processors start and retry their streams in the
 * background.
 */
@SpringBootTest(classes = PrescriptionExchangeApplication.class, properties = {
        // a port nothing listens on: connecting fails at once instead of finding some server
        "axon.axonserver.servers=127.0.0.1:1",
        "exchange.exchange-code-key=axonserver-test-key-0123456789abcdef0123",
        "exchange.scheduling.enabled=false",
        // this test sends no request; the application only needs some source of trusted tokens to start
        "exchange.security.local-tokens.enabled=true",
        "exchange.security.local-tokens.allow-with-external-database=true"
})
@ActiveProfiles("axonserver")
class AxonServerProfileIT {

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = TestDatabase.create();
        TestDatabase.migrateWithProcessorTokens(url, ProjectionProcessorLayout.PROCESSOR);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", TestPostgres::user);
        registry.add("spring.datasource.password", TestPostgres::password);
    }

    @Test
    void aNodeThatCannotReachAxonServerIsNotReady() {
        HealthComponent readiness = context.getBean(HealthEndpoint.class).healthForPath("readiness");

        assertThat(readiness.getStatus()).as("commands go through Axon Server").isEqualTo(Status.DOWN);
        assertThat(((CompositeHealth) readiness).getComponents()).containsKey("axonServer");
    }

    @Test
    void eventsCommandsAndQueriesGoToAxonServer() {
        assertThat(context.getBean(EventStore.class)).isInstanceOf(AxonServerEventStore.class);
        assertThat(context.getBean(CommandBus.class)).isInstanceOf(AxonServerCommandBus.class);
        assertThat(context.getBean(QueryBus.class)).isInstanceOf(AxonServerQueryBus.class);
    }

    @Test
    void noJdbcEventStorageIsCreated() {
        assertThat(context.getBeansOfType(JdbcEventStorageEngine.class)).isEmpty();
        assertThat(context.getBeansOfType(EventStorageEngine.class).values())
                .noneMatch(JdbcEventStorageEngine.class::isInstance);
    }

    @Test
    void aPublishedEventIsNotWrittenToPostgres() throws InterruptedException {
        EventStore eventStore = context.getBean(EventStore.class);
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(
                () -> eventStore.publish(GenericEventMessage.asEventMessage("a test event")));

        Throwable outcome = catchThrowable(() -> publishing.get(20, TimeUnit.SECONDS));

        assertThat(outcome).as("without a reachable Axon Server the append cannot succeed")
                .isInstanceOfAny(ExecutionException.class, TimeoutException.class);
        assertThat(jdbc.sql("select count(*) from domainevententry").query(Long.class).single()).isZero();
    }

    @Test
    void eventsAreReadThroughAxonAndNeverFromTheEventTable() {
        assertThat(context.getBeansOfType(EventLog.class).values()).singleElement().isInstanceOf(AxonEventLog.class);
        assertThat(context.getBeansOfType(JdbcEventLog.class)).isEmpty();
        String[] readers = ((ConfigurableApplicationContext) context).getBeanFactory()
                .getDependentBeans(context.getBeanNamesForType(EventLog.class)[0]);
        assertThat(readers).as("both exports read through EventExports").contains("eventExports",
                "projectionVerification");
    }

    @Test
    void anExportWithoutAReachableServerFailsInsteadOfComingBackEmpty() {
        EventLog events = context.getBean(EventLog.class);
        List<StoredEvent> exported = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> export = CompletableFuture.runAsync(
                () -> events.forEach(new EventFilter(null, null, null), exported::add));

        Throwable outcome = catchThrowable(() -> export.get(20, TimeUnit.SECONDS));

        assertThat(outcome).as("without a reachable Axon Server the export cannot complete")
                .isInstanceOfAny(ExecutionException.class, TimeoutException.class);
        assertThat(exported).isEmpty();
    }
}
