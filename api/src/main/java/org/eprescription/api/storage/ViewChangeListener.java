package org.eprescription.api.storage;

import lombok.RequiredArgsConstructor;
import org.eprescription.query.consent.ConsentChanges;
import org.eprescription.query.prescription.PostgresViewChangeAnnouncer;
import org.eprescription.query.prescription.PrescriptionViewUpdates;
import org.eprescription.query.prescription.ViewChangeNotice;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Hears the view changes that every node announces ({@link PostgresViewChangeAnnouncer}) and hands them to this
 * node's live subscriptions, so a stream opened here shows changes that another node's processor made; and the
 * consent changes ({@link ConsentChanges}), so that nothing this node rendered under an earlier consent is shown. One
 * connection per node stays on LISTEN; if it fails, a new one is opened after a pause. Changes announced while no
 * connection listens do not reach open streams (their clients see them at the next snapshot, on reconnect).
 */
@Component
@RequiredArgsConstructor
public class ViewChangeListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ViewChangeListener.class);
    private static final int WAIT_MS = 500;
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);
    /**
     * How long the connection may stay quiet before it is asked to answer: waiting for notifications sends nothing, so
     * a connection a firewall or NAT dropped silently would otherwise leave this node deaf to every other node.
     */
    static final Duration PROBE_AFTER = Duration.ofSeconds(10);
    private static final int PROBE_TIMEOUT_SECONDS = 5;

    private final DataSource dataSource;
    private final PrescriptionViewUpdates updates;
    private final ConsentChanges consents;
    private volatile boolean running;
    private Thread thread;

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::listenUntilStopped, "view-change-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        Thread listening;
        synchronized (this) {
            running = false;
            listening = thread;
        }
        if (listening != null) {
            try {
                listening.join(WAIT_MS * 4L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listenUntilStopped() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                listen(connection);
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("listening for view changes failed, reconnecting in {}: {}", RECONNECT_PAUSE, e.toString());
                    pause();
                }
            }
        }
    }

    private void listen(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + PostgresViewChangeAnnouncer.CHANNEL);
            statement.execute("LISTEN " + ConsentChanges.CHANNEL);
        }
        // a consent may have changed while no connection listened: nothing rendered before may be shown again
        consents.changedElsewhere();
        PGConnection postgres = connection.unwrap(PGConnection.class);
        try {
            long heardAt = System.nanoTime();
            while (running) {
                PGNotification[] notifications = postgres.getNotifications(WAIT_MS);
                if (notifications != null && notifications.length > 0) {
                    heardAt = System.nanoTime();
                    for (PGNotification notification : notifications) {
                        if (ConsentChanges.CHANNEL.equals(notification.getName())) {
                            consents.changedElsewhere();
                        } else {
                            deliver(notification.getParameter());
                        }
                    }
                } else if (System.nanoTime() - heardAt > PROBE_AFTER.toNanos()) {
                    requireAnswer(connection);
                    heardAt = System.nanoTime();
                }
            }
        } finally {
            // the connection goes back to the pool: it must not keep collecting notifications there
            try (Statement statement = connection.createStatement()) {
                statement.execute("UNLISTEN *");
            } catch (SQLException ignored) {
                // a broken connection is discarded by the pool anyway
            }
        }
    }

    /** A round trip with a time limit: a connection that no longer answers is given up and a new one opened. */
    static void requireAnswer(Connection connection) throws SQLException {
        if (!connection.isValid(PROBE_TIMEOUT_SECONDS)) {
            throw new SQLException("the connection listening for view changes no longer answers");
        }
    }

    private void deliver(String payload) {
        try {
            updates.changedElsewhere(ViewChangeNotice.fromPayload(payload));
        } catch (RuntimeException e) {
            log.warn("a view change could not be passed to live streams: {}", payload, e);
        }
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
