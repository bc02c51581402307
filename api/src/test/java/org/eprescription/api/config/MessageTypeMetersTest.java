package org.eprescription.api.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exchange's message meters are Axon's: the same meter names, tags and counts as Axon's own monitors for the
 * command bus, the event store and an event processor, with durations and capacity from the registry's clock.
 */
class MessageTypeMetersTest {

    private static final String PROJECTIONS = ProjectionProcessorLayout.PROCESSOR;

    private final MockClock clock = new MockClock();
    private final MeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);

    record IssueSomething(String id) {
    }

    record AcceptSomething(String id) {
    }

    record SomethingIssued(String id) {
    }

    @Test
    void commandBusMetersAreAxonsMetersWithTheSameCounts() {
        assertSameMetersAsAxons(CommandBus.class, "commandBus",
                List.of(new GenericCommandMessage<>(new IssueSomething("1")),
                        new GenericCommandMessage<>(new AcceptSomething("2")),
                        new GenericCommandMessage<>(new IssueSomething("3"))));
    }

    @Test
    void eventStoreMetersAreAxonsMetersWithTheSameCounts() {
        assertSameMetersAsAxons(EventBus.class, "eventStore",
                List.of(GenericEventMessage.asEventMessage(new SomethingIssued("1")),
                        GenericEventMessage.asEventMessage(new SomethingIssued("2")),
                        GenericEventMessage.asEventMessage(new IssueSomething("3"))));
    }

    @Test
    void eventProcessorMetersAreAxonsMetersWithTheSameCounts() {
        assertSameMetersAsAxons(EventProcessor.class, PROJECTIONS,
                List.of(GenericEventMessage.asEventMessage(new SomethingIssued("1")),
                        GenericEventMessage.asEventMessage(new SomethingIssued("2")),
                        GenericEventMessage.asEventMessage(new IssueSomething("3"))));
    }

    @Test
    void timersRecordHowLongEachOutcomeTookOnTheRegistrysClock() {
        MessageMonitor<Message<?>> meters = MessageTypeMeters.forCommandBus("commandBus", registry);

        handle(meters, Duration.ofMillis(30), MessageMonitor.MonitorCallback::reportSuccess);
        handle(meters, Duration.ofMillis(70), callback -> callback.reportFailure(new IllegalStateException("no")));

        Timer all = registry.get("commandBus.allTimer").tag("payloadType", "IssueSomething").timer();
        Timer success = registry.get("commandBus.successTimer").tag("payloadType", "IssueSomething").timer();
        Timer failure = registry.get("commandBus.failureTimer").tag("payloadType", "IssueSomething").timer();
        assertThat(all.count()).isEqualTo(2);
        assertThat(all.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(100.0);
        assertThat(success.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(30.0);
        assertThat(failure.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(70.0);
        assertThat(registry.get("commandBus.processedCounter").tag("payloadType", "IssueSomething").counter().count())
                .isEqualTo(2);
    }

    @Test
    void capacityIsTheShareOfTheLastCompleteTenSecondsSpentHandling() {
        MessageMonitor<Message<?>> meters = MessageTypeMeters.forCommandBus("commandBus", registry);
        handle(meters, Duration.ofSeconds(2), MessageMonitor.MonitorCallback::reportSuccess);
        handle(meters, Duration.ofSeconds(1), MessageMonitor.MonitorCallback::reportIgnored);
        Supplier<Double> capacity = () -> registry.get("commandBus.capacity")
                .tag("payloadType", "IssueSomething").gauge().value();

        assertThat(capacity.get()).as("the window is not complete yet").isZero();
        clock.add(Duration.ofSeconds(8));
        assertThat(capacity.get()).as("3 s of the last complete 10 s").isEqualTo(0.3);
        clock.add(Duration.ofSeconds(10));
        assertThat(capacity.get()).as("a quiet window").isZero();
    }

    @Test
    void aProcessorsLatencyIsTheAgeOfTheLastEventHandedToIt() {
        MessageMonitor<Message<?>> meters = MessageTypeMeters.forEventProcessor(PROJECTIONS, registry);
        clock.add(Duration.ofSeconds(60));
        Instant thirtySecondsAgo = Instant.ofEpochMilli(clock.wallTime()).minusSeconds(30);

        meters.onMessageIngested(new GenericEventMessage<>(new GenericMessage<>(new SomethingIssued("1")),
                () -> thirtySecondsAgo)).reportSuccess();

        assertThat(registry.get("eventProcessor.latency").tag("processorName", PROJECTIONS).gauge().value())
                .isEqualTo(30_000.0);
    }

    /** One command of the same type, handled in {@code took} on the test's clock, with the outcome {@code report}. */
    private void handle(MessageMonitor<Message<?>> meters, Duration took,
                        Consumer<MessageMonitor.MonitorCallback> report) {
        MessageMonitor.MonitorCallback callback = meters.onMessageIngested(
                new GenericCommandMessage<>(new IssueSomething("1")));
        clock.add(took);
        report.accept(callback);
    }

    /** Feeds the same messages to Axon's monitor and to the exchange's: success, failure and ignored, in turn. */
    private static void assertSameMetersAsAxons(Class<?> componentType, String componentName,
                                                List<? extends Message<?>> messages) {
        MeterRegistry axons = new SimpleMeterRegistry();
        MeterRegistry ours = new SimpleMeterRegistry();
        drive(new GlobalMetricRegistry(axons).registerComponentWithDefaultTags(componentType, componentName),
                messages);
        drive(new CommandAndEventMetrics().globalMetricRegistry(ours)
                .registerComponentWithDefaultTags(componentType, componentName), messages);

        assertThat(counts(ours)).isNotEmpty().isEqualTo(counts(axons));
    }

    @SuppressWarnings("unchecked")
    private static void drive(MessageMonitor<? extends Message<?>> monitor, List<? extends Message<?>> messages) {
        MessageMonitor<Message<?>> any = (MessageMonitor<Message<?>>) monitor;
        for (int i = 0; i < messages.size(); i++) {
            MessageMonitor.MonitorCallback callback = any.onMessageIngested(messages.get(i));
            switch (i % 3) {
                case 0 -> callback.reportSuccess();
                case 1 -> callback.reportFailure(new IllegalStateException("refused"));
                default -> callback.reportIgnored();
            }
        }
    }

    /** Every meter by its type, name and tags, with the count of a counter or a timer (gauges by presence only). */
    private static Map<String, Double> counts(MeterRegistry registry) {
        Map<String, Double> counts = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            String key = meter.getId().getType() + " " + meter.getId().getName() + " " + meter.getId().getTags();
            double count = meter instanceof Counter counter ? counter.count()
                    : meter instanceof Timer timer ? timer.count() : 0;
            counts.put(key, count);
        }
        return counts;
    }
}
