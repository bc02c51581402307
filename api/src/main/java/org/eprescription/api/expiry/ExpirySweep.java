package org.eprescription.api.expiry;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.eprescription.api.actor.Actor;
import org.eprescription.api.command.CommandSender;
import org.eprescription.api.config.ExchangeProperties;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.command.ExpirePrescription;
import org.eprescription.query.prescription.ExpiryCandidates;
import org.eprescription.query.prescription.FindExpiryCandidates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;

/**
 * Expires prescriptions whose deadline has passed. The candidates come from the view in PostgreSQL, so nothing is
 * lost by a restart; {@link ExpirePrescription} is idempotent and the aggregate decides, so the sweep running on
 * two nodes at once still yields one {@code PrescriptionExpired} per prescription.
 */
@Component
public class ExpirySweep {

    private static final Logger log = LoggerFactory.getLogger(ExpirySweep.class);
    private static final Actor SWEEP = Actor.system("expiry-sweep");

    /** Pages one sweep reads at most; the next sweep starts from the first again. */
    static final int MAX_PAGES = 100;

    private final QueryGateway queries;
    private final CommandSender commands;
    private final Clock clock;
    private final int batchSize;

    public ExpirySweep(QueryGateway queries, CommandSender commands, Clock clock, ExchangeProperties properties) {
        this.queries = queries;
        this.commands = commands;
        this.clock = clock;
        this.batchSize = properties.expiry().batchSize();
    }

    @Scheduled(fixedDelayString = "${exchange.expiry.sweep-interval}", initialDelayString = "PT10S")
    public void scheduledSweep() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("expiry sweep failed; it runs again at the next interval: {}", e.getMessage());
        }
    }

    /**
     * Sends an expiry command to every candidate, page after page; answers how many candidates were examined. A
     * candidate the aggregate does not expire (its view lags behind it) does not hold the sweep back: the next page
     * starts after it.
     */
    public int sweep() {
        LocalDate today = LocalDate.now(clock);
        int examined = 0;
        ExpiryCandidates.Cursor after = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            ExpiryCandidates candidates = queries.query(new FindExpiryCandidates(today, batchSize, after),
                    ResponseTypes.instanceOf(ExpiryCandidates.class)).join();
            for (PrescriptionId id : candidates.prescriptionIds()) {
                try {
                    commands.send(new ExpirePrescription(id), SWEEP, null);
                } catch (RuntimeException e) {
                    log.warn("could not expire {}; the next sweep tries again: {}", id, e.getMessage());
                }
            }
            examined += candidates.prescriptionIds().size();
            after = candidates.next();
            if (after == null) {
                break;
            }
        }
        if (examined > 0) {
            log.info("expiry sweep examined {} prescriptions", examined);
        }
        return examined;
    }
}
