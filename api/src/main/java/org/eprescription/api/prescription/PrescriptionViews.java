package org.eprescription.api.prescription;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.eprescription.api.config.ExchangeProperties;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.query.prescription.FindPrescription;
import org.eprescription.query.prescription.FindPrescriptionByExchangeCode;
import org.eprescription.query.prescription.PrescriptionView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads prescription views, and lets a command's answer wait until the view shows that command's effect
 * (read-your-writes over an asynchronous projection): it watches the view's live updates and, as a fallback for
 * updates made by another node, polls the table.
 */
@Component
public class PrescriptionViews {

    private static final Logger log = LoggerFactory.getLogger(PrescriptionViews.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final QueryGateway queryGateway;
    private final Duration timeout;

    public PrescriptionViews(QueryGateway queryGateway, ExchangeProperties properties) {
        this.queryGateway = queryGateway;
        this.timeout = properties.views().readYourWritesTimeout();
    }

    public Optional<PrescriptionView> find(PrescriptionId id) {
        return queryGateway.query(new FindPrescription(id), ResponseTypes.optionalInstanceOf(PrescriptionView.class))
                .join();
    }

    public Optional<PrescriptionView> findByExchangeCodeHash(String exchangeCodeHash) {
        return queryGateway.query(new FindPrescriptionByExchangeCode(exchangeCodeHash),
                ResponseTypes.optionalInstanceOf(PrescriptionView.class)).join();
    }

    /**
     * The view once it has reached {@code version}; after the timeout, the newest view there is. Waits on the
     * view's live updates in the request's own thread, and reads the table every {@link #POLL_INTERVAL} in case
     * another node made the update.
     */
    public PrescriptionView awaitVersion(PrescriptionId id, long version) {
        SubscriptionQueryResult<Optional<PrescriptionView>, PrescriptionView> subscription =
                queryGateway.subscriptionQuery(new FindPrescription(id),
                        ResponseTypes.optionalInstanceOf(PrescriptionView.class),
                        ResponseTypes.instanceOf(PrescriptionView.class));
        try {
            CompletableFuture<PrescriptionView> updated = new CompletableFuture<>();
            subscription.updates().filter(view -> view.version() >= version).next().subscribe(updated::complete);
            Optional<PrescriptionView> current = Optional.ofNullable(subscription.initialResult().block(timeout))
                    .flatMap(view -> view);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (current.isEmpty() || current.get().version() < version) {
                if (System.nanoTime() > deadline) {
                    log.warn("view of {} did not reach version {} within {}", id, version, timeout);
                    break;
                }
                try {
                    return updated.get(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException poll) {
                    current = find(id);
                }
            }
            if (current.isPresent()) {
                return current.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.warn("live updates of {} failed: {}", id, e.getMessage());
        } finally {
            subscription.cancel();
        }
        return find(id).orElseThrow(() -> new ViewNotReadyException("prescription " + id
                + " was recorded, but its view is not ready yet; read it again shortly"));
    }
}
