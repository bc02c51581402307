package org.eprescription.api.command;

import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.eprescription.api.config.ExchangeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Lets a command's answer wait until an asynchronous projection shows the command's effect. It subscribes to the
 * projection's live updates (delivered right after the projection's batch commits, in this JVM) and waits in the
 * request's own thread; every {@link #POLL_INTERVAL} it also reads the projection, for updates another node made.
 */
@Component
public class ReadYourWrites {

    private static final Logger log = LoggerFactory.getLogger(ReadYourWrites.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final QueryGateway queryGateway;
    private final Duration timeout;

    public ReadYourWrites(QueryGateway queryGateway, ExchangeProperties properties) {
        this.queryGateway = queryGateway;
        this.timeout = properties.views().readYourWritesTimeout();
    }

    /**
     * The first answer to {@code query} that satisfies {@code reached}; after the timeout, the newest answer there
     * is (possibly one that does not satisfy it). The query's handler answers {@code Optional<R>} or {@code R}.
     */
    public <R> Optional<R> await(Object query, Class<R> type, boolean optionalAnswer, Predicate<R> reached) {
        ResponseType<?> initialType = optionalAnswer
                ? ResponseTypes.optionalInstanceOf(type)
                : ResponseTypes.instanceOf(type);
        SubscriptionQueryResult<?, R> subscription =
                queryGateway.subscriptionQuery(query, initialType, ResponseTypes.instanceOf(type));
        try {
            CompletableFuture<R> updated = new CompletableFuture<>();
            subscription.updates().filter(reached).next().subscribe(updated::complete, error -> { });
            Optional<R> current = unwrap(subscription.initialResult().block(timeout), type);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (current.isEmpty() || !reached.test(current.get())) {
                if (System.nanoTime() > deadline) {
                    log.warn("{} did not reach the awaited state within {}", query, timeout);
                    return current;
                }
                try {
                    return Optional.of(updated.get(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS));
                } catch (TimeoutException poll) {
                    current = unwrap(queryGateway.query(query, initialType).join(), type);
                }
            }
            return current;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            log.warn("live updates of {} failed: {}", query, e.getMessage());
            return unwrap(queryGateway.query(query, initialType).join(), type);
        } finally {
            subscription.cancel();
        }
    }

    private static <R> Optional<R> unwrap(Object answer, Class<R> type) {
        if (answer instanceof Optional<?> optional) {
            return optional.map(type::cast);
        }
        return Optional.ofNullable(answer).map(type::cast);
    }
}
