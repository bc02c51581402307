package org.eprescription.api.prescription;

import org.eprescription.api.eventlog.PrescriptionsFromEvents;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.command.ReadYourWrites;
import org.eprescription.api.command.ViewNotReadyException;
import org.eprescription.api.problem.CommandRecordedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.query.prescription.ExchangeCodeHolder;
import org.eprescription.query.prescription.FindExchangeCodeHolder;
import org.eprescription.query.prescription.FindPrescription;
import org.eprescription.query.prescription.FindPrescriptionByExchangeCode;
import org.eprescription.query.prescription.PrescriptionView;
import org.eprescription.query.prescription.PrescriptionViewQueries;
import org.eprescription.query.prescription.PrescriptionViewUpdates;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Reads prescription views, and lets a command's answer wait until the view shows that command's effect
 * (read-your-writes over an asynchronous projection). Reads go to the query side's {@link PrescriptionViewQueries}
 * directly: they are on the path of every command's answer, and the query bus's unit of work, time limit and handler
 * look-up per read cost more than the bus gives here (docs/benchmarks.md, "Session 14").
 */
@Component
@RequiredArgsConstructor
public class PrescriptionViews {

    private static final Logger log = LoggerFactory.getLogger(PrescriptionViews.class);

    private final PrescriptionViewQueries queries;
    private final ReadYourWrites readYourWrites;
    private final PrescriptionViewUpdates updates;
    private final PrescriptionsFromEvents fromEvents;

    public Optional<PrescriptionView> find(PrescriptionId id) {
        return queries.handle(new FindPrescription(id));
    }

    public Optional<PrescriptionView> findByExchangeCodeHash(String exchangeCodeHash) {
        return queries.handle(new FindPrescriptionByExchangeCode(exchangeCodeHash));
    }

    /** The prescription a typed code names under any key, with the hash it holds; a live holder first. */
    public Optional<ExchangeCodeHolder> findExchangeCodeHolder(List<String> exchangeCodeHashes) {
        return queries.handle(new FindExchangeCodeHolder(exchangeCodeHashes));
    }

    /**
     * The view once it has reached {@code version}; after the timeout, {@link ViewNotReadyException} (an older view
     * would answer the command as if it had not happened). The view is read at once only if this node's projection has already
     * told that version: usually the command has just committed and the projection has not yet processed it, so that
     * read would find the old view (a change another node's projection makes is announced, and a poll finds what
     * nobody told).
     */
    public PrescriptionView awaitVersion(PrescriptionId id, long version) {
        return readYourWrites.await("prescription " + id,
                        listener -> updates.follow(new FindPrescription(id), listener),
                        () -> updates.toldHere(id, version) ? find(id) : Optional.empty(), () -> find(id),
                        view -> view.version() >= version)
                .filter(view -> view.version() >= version)
                .orElseThrow(() -> new ViewNotReadyException("prescription " + id
                        + " was recorded, but its view does not show it yet"));
    }

    /** A view of a recorded command's prescription, and whether it was built from the events. */
    public record Recorded(PrescriptionView view, boolean fromEvents) {
    }

    /**
     * The view once it has reached {@code version} of a command just recorded; when the projection does not reach it
     * in time or cannot be read, the view built from the prescription's own events (docs/http-api.md, "Retries"). A
     * recorded command is never answered as if it had not happened.
     *
     * @throws CommandRecordedException when not even the events can be read (the store went away after the commit)
     */
    public Recorded awaitRecorded(PrescriptionId id, long version) {
        try {
            return new Recorded(awaitVersion(id, version), false);
        } catch (RuntimeException lagging) {
            log.warn("prescription {} was recorded at version {}, but its view could not show it: {}; answering from "
                    + "its events", id, version, lagging.toString());
        }
        return new Recorded(fromEvents(id, version), true);
    }

    /** The prescription as its events show it, at {@code version} or later; 202 when they cannot be read. */
    public PrescriptionView fromEvents(PrescriptionId id, long version) {
        try {
            return fromEvents.read(id).filter(view -> view.version() >= version)
                    .orElseThrow(() -> new IllegalStateException("the events of prescription " + id
                            + " do not reach version " + version));
        } catch (RuntimeException unreadable) {
            throw new CommandRecordedException(locationOf(id), "the command on prescription " + id
                    + " was recorded, but the prescription cannot be read now; read it at Location later, do not "
                    + "repeat the command", unreadable);
        }
    }

    public static URI locationOf(PrescriptionId id) {
        return URI.create("/api/v1/prescriptions/" + id.asString());
    }
}
