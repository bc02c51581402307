package org.eprescription.api.config;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.monitoring.MessageMonitor;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The meters of Axon's {@code MessageCountingMonitor}, {@code MessageTimerMonitor}, {@code CapacityMonitor} and, for a
 * processor, {@code EventProcessorLatencyMonitor}, under the same names and tags, with each message type's meters
 * registered once and kept. Axon's monitors look every meter up in the registry again for every message (nine
 * look-ups and one or two gauge registrations per command or event), which cost about 5 % of the exchange's CPU
 * under load (docs/benchmarks.md, "Session 14"), and warn in the log when a gauge is registered again.
 * <p>
 * One difference: {@code capacity} is the share of the last complete ten seconds that handling took (Axon's slides
 * over the last ten seconds), so that a message does not have to be stored to be counted.
 */
final class MessageTypeMeters implements MessageMonitor<Message<?>> {

    /** The one name prefix Axon gives every processor's meters, told apart by their processor tag. */
    private static final String EVENT_PROCESSOR = "eventProcessor";

    private static final double[] PERCENTILES = {0.5, 0.75, 0.95, 0.98, 0.99, 0.999};
    private static final Duration PERCENTILE_EXPIRY = Duration.ofMinutes(10);

    private final String prefix;
    private final MeterRegistry registry;
    private final Tags fixedTags;
    private final boolean taggedCounters;
    private final boolean capacity;
    private final Clock clock;
    private final AtomicLong latency;
    private final ConcurrentMap<Class<?>, Meters> byPayloadType = new ConcurrentHashMap<>();

    private MessageTypeMeters(String prefix, MeterRegistry registry, Tags fixedTags, boolean taggedCounters,
                              boolean capacity, boolean latency) {
        this.prefix = prefix;
        this.registry = registry;
        this.fixedTags = fixedTags;
        this.taggedCounters = taggedCounters;
        this.capacity = capacity;
        this.clock = registry.config().clock();
        this.latency = latency ? new AtomicLong() : null;
        if (latency) {
            Gauge.builder(prefix + ".latency", this.latency, AtomicLong::get).tags(fixedTags).register(registry);
        }
    }

    /** As Axon's command bus monitors: every meter tagged with the payload type. */
    static MessageTypeMeters forCommandBus(String name, MeterRegistry registry) {
        return new MessageTypeMeters(name, registry, Tags.empty(), true, true, false);
    }

    /** As Axon's event bus (event store) monitors: timers tagged with the payload type, counters not, no capacity. */
    static MessageTypeMeters forEventStore(String name, MeterRegistry registry) {
        return new MessageTypeMeters(name, registry, Tags.empty(), false, false, false);
    }

    /**
     * As Axon's event processor monitors: {@code eventProcessor.*}, tagged with the payload type and the processor, and
     * {@code eventProcessor.latency}, tagged with the processor: how old the last event was when it was handed to it
     * (in milliseconds).
     */
    static MessageTypeMeters forEventProcessor(String processorName, MeterRegistry registry) {
        return new MessageTypeMeters(EVENT_PROCESSOR, registry, Tags.of(TagsUtil.PROCESSOR_NAME_TAG,
                processorName), true, true, true);
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        Meters meters = byPayloadType.computeIfAbsent(message.getPayloadType(), this::register);
        meters.ingested.increment();
        if (latency != null && message instanceof EventMessage<?> event) {
            latency.set(clock.wallTime() - event.getTimestamp().toEpochMilli());
        }
        long start = clock.monotonicTime();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                meters.handled(meters.success, meters.successTimer, clock.monotonicTime() - start);
            }

            @Override
            public void reportFailure(Throwable cause) {
                meters.handled(meters.failure, meters.failureTimer, clock.monotonicTime() - start);
            }

            @Override
            public void reportIgnored() {
                meters.ignored.increment();
                meters.recordTime(meters.ignoredTimer, clock.monotonicTime() - start);
            }
        };
    }

    private Meters register(Class<?> payloadType) {
        Tags tags = fixedTags.and(TagsUtil.PAYLOAD_TYPE_TAG, payloadType.getSimpleName());
        Tags counterTags = taggedCounters ? tags : Tags.empty();
        BusyTime busy = capacity ? new BusyTime(clock) : null;
        if (busy != null) {
            Gauge.builder(prefix + ".capacity", busy, BusyTime::share).tags(tags).register(registry);
        }
        return new Meters(counter("ingestedCounter", counterTags), counter("successCounter", counterTags),
                counter("failureCounter", counterTags), counter("processedCounter", counterTags),
                counter("ignoredCounter", counterTags), timer("allTimer", tags), timer("successTimer", tags),
                timer("failureTimer", tags), timer("ignoredTimer", tags), busy);
    }

    private Counter counter(String name, Tags tags) {
        return registry.counter(prefix + "." + name, tags);
    }

    private Timer timer(String name, Tags tags) {
        return Timer.builder(prefix + "." + name)
                .distributionStatisticExpiry(PERCENTILE_EXPIRY)
                .publishPercentiles(PERCENTILES)
                .tags(tags)
                .register(registry);
    }

    private record Meters(Counter ingested, Counter success, Counter failure, Counter processed, Counter ignored,
                          Timer allTimer, Timer successTimer, Timer failureTimer, Timer ignoredTimer,
                          BusyTime busy) {

        void handled(Counter outcome, Timer outcomeTimer, long nanos) {
            processed.increment();
            outcome.increment();
            recordTime(outcomeTimer, nanos);
        }

        void recordTime(Timer outcomeTimer, long nanos) {
            allTimer.record(nanos, TimeUnit.NANOSECONDS);
            outcomeTimer.record(nanos, TimeUnit.NANOSECONDS);
            if (busy != null) {
                busy.add(nanos);
            }
        }
    }

    /** Handling time summed per ten-second window; its share of the last complete window is the capacity. */
    static final class BusyTime {

        static final long WINDOW = TimeUnit.SECONDS.toNanos(10);

        private final Clock clock;
        private long window;
        private long current;
        private long previous;

        BusyTime(Clock clock) {
            this.clock = clock;
            this.window = clock.monotonicTime() / WINDOW;
        }

        synchronized void add(long nanos) {
            roll();
            current += nanos;
        }

        synchronized double share() {
            roll();
            return (double) previous / WINDOW;
        }

        private void roll() {
            long now = clock.monotonicTime() / WINDOW;
            if (now != window) {
                previous = now == window + 1 ? current : 0;
                current = 0;
                window = now;
            }
        }
    }
}
