package org.eprescription.api.pharmacy;

import lombok.RequiredArgsConstructor;
import org.eprescription.api.actor.Actor;
import org.eprescription.api.command.CommandSender;
import org.eprescription.api.prescription.PrescriptionResponse;
import org.eprescription.api.prescription.PrescriptionResponses;
import org.eprescription.api.privacy.AccessLog;
import org.eprescription.core.code.ExchangeCodes;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.refusal.PrescriptionRefusedException;
import org.eprescription.core.refusal.Refusal;
import org.eprescription.core.prescription.command.AcceptPrescription;
import org.eprescription.query.prescription.ExchangeCodeHolder;
import org.eprescription.query.prescription.PrescriptionView;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A pharmacy's accept with the patient's code and birth date (docs/domain.md, "Refusals"). The code is looked up
 * under every key ({@link ExchangeCodeLookup}: a live code whatever the view has taken in) and the birth date
 * compared here, before any command; then the attempt is decided and, if it
 * failed, counted ({@link AcceptAttempts}) before the pharmacy learns anything. An unknown code and a known code with
 * a wrong birth date go through the same steps (look-up, compare, count against the prescription or none, log for the
 * patient or nobody) and answer the same 404. Only a matching pair becomes an {@link AcceptPrescription}, which the
 * aggregate checks again.
 */
@Component
@RequiredArgsConstructor
public class AcceptWithCode {

    /** Compared with when the code names nobody, so that comparing costs the same. */
    private static final LocalDate NOBODYS_BIRTH_DATE = LocalDate.of(1, 1, 1);

    private final ExchangeCodes exchangeCodes;
    private final ExchangeCodeLookup lookup;
    private final AcceptAttempts attempts;
    private final AccessLog accessLog;
    private final CommandSender commands;
    private final PrescriptionResponses responses;

    /**
     * @throws TooManyAcceptAttemptsException while the pharmacy or the prescription is locked
     * @throws PrescriptionRefusedException   {@code UNKNOWN_EXCHANGE_CODE} when code and birth date name nobody
     * @throws ExchangeCodeUnreadableException when the code is live but its prescription cannot be read now (503,
     *                                         counted as a failed try, after the pharmacy's lock)
     */
    public PrescriptionResponse accept(String code, LocalDate birthDate, PharmacyId pharmacy,
                                       PharmacistId pharmacist, Actor actor, String idempotencyKey) {
        Optional<ExchangeCodeHolder> holder;
        try {
            holder = lookup.holderOf(exchangeCodes.hashesOf(code));
        } catch (ExchangeCodeUnreadableException unreadable) {
            // counted as a failed try, under the same lock, so that a 503 never tells a pharmacy that guesses codes
            // (or one that is locked out) more than a 404 or a 429 would
            attempts.decide(pharmacy, null, false);
            throw unreadable;
        }
        PrescriptionView view = holder.map(ExchangeCodeHolder::view).orElse(null);
        PrescriptionId id = view == null ? null : view.prescriptionId();
        LocalDate expected = view == null ? NOBODYS_BIRTH_DATE : view.patient().birthDate();
        boolean matches = expected.equals(birthDate) & view != null;
        attempts.decide(pharmacy, id, matches);
        if (!matches) {
            PatientId patient = view == null ? null : view.patient().id();
            accessLog.failedAccept(patient, "failed accept (wrong birth date) of prescription " + id);
            throw PrescriptionRefusedException.unknownExchangeCode();
        }
        long version;
        PatientId patient = view.patient().id();
        try {
            version = commands.send(new AcceptPrescription(id, holder.get().exchangeCodeHash(), birthDate,
                            pharmacy, pharmacist), actor, idempotencyKey,
                    accepted -> accessLog.read(patient, "accept of prescription " + id));
        } catch (PrescriptionRefusedException refused) {
            if (refused.refusal().kind() == Refusal.Kind.NOT_FOUND) {
                attempts.failedAfterMatch(pharmacy);
            }
            throw refused;
        }
        return responses.afterCommand(id, version);
    }
}
