package org.eprescription.api.bench;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.eprescription.api.actor.Actor;
import org.eprescription.api.actor.CommandMetadata;
import org.eprescription.core.code.ExchangeCodes;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.CommandOutcome;
import org.eprescription.core.prescription.DispensedItem;
import org.eprescription.core.prescription.PatientDetails;
import org.eprescription.core.prescription.PrescribedLine;
import org.eprescription.core.prescription.PrescriberDetails;
import org.eprescription.core.prescription.command.AcceptPrescription;
import org.eprescription.core.prescription.command.DispensePrescription;
import org.eprescription.core.prescription.command.IssuePrescription;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One lifecycle of the raw command rate (docs/benchmarks.md, "Ceilings and the one-command table"): issue, accept
 * and dispense of one prescription, sent through Axon's command gateway with the audit metadata the API's
 * {@code CommandSender} attaches. The cast is the HTTP lifecycle load's (bench module, {@code LifecycleCast}): a
 * new patient with a random birth date, one of 50 x 4 prescribers, one of 50 x 3 pharmacists, one line of one of the
 * same five catalogue drugs, 28 tablets for 28 days, dispensed whole; so each issue and dispensing runs the same
 * interaction check. The accept carries the hash of the code the issue derived, as {@code AcceptWithCode} does after
 * finding it.
 */
final class RawLifecycle {

    static final String[] STEPS = {"issue", "accept", "dispense"};
    private static final String[] DRUG_CODES = {"2171022F1021", "1129009F1025", "2189015F1023", "3962002F1024",
            "1149019F1027"};
    private static final BigDecimal QUANTITY = BigDecimal.valueOf(28);
    private static final int DAYS = 28;

    private final CommandGateway gateway;
    private final ExchangeCodes exchangeCodes;

    RawLifecycle(CommandGateway gateway, ExchangeCodes exchangeCodes) {
        this.gateway = gateway;
        this.exchangeCodes = exchangeCodes;
    }

    /** Receives each command that succeeded (its step) and a failure (its step and what failed). */
    interface Tally {
        void succeeded(int step);

        void failed(int step, RuntimeException failure);
    }

    /** Runs one lifecycle; stops at the first failing command. Answers whether all three succeeded. */
    boolean run(Tally tally) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int institution = random.nextInt(50) + 1;
        int pharmacy = random.nextInt(50) + 1;
        PrescriptionId id = PrescriptionId.random();
        LocalDate birthDate = LocalDate.of(1930, 1, 1).plusDays(random.nextInt(365 * 75));
        DrugCode drug = DrugCode.of(DRUG_CODES[random.nextInt(DRUG_CODES.length)]);
        PrescriberId prescriber = PrescriberId.of(String.format(Locale.ROOT, "DOC-%02d-%d", institution,
                random.nextInt(4) + 1));
        InstitutionId institutionId = InstitutionId.of(String.format(Locale.ROOT, "HOSP-%02d", institution));
        PharmacyId pharmacyId = PharmacyId.of(String.format(Locale.ROOT, "PH-%02d", pharmacy));
        PharmacistId pharmacist = PharmacistId.of(String.format(Locale.ROOT, "RPH-%02d-%d", pharmacy,
                random.nextInt(3) + 1));
        Actor prescribing = new Actor(prescriber.value(), Actor.Role.PRESCRIBER, institutionId.value());
        Actor dispensing = new Actor(pharmacist.value(), Actor.Role.PHARMACIST, pharmacyId.value());

        IssuePrescription issue = new IssuePrescription(id,
                new PatientDetails(PatientId.of("PAT-" + Long.toHexString(random.nextLong() & Long.MAX_VALUE)),
                        birthDate, "Bench Patient"),
                new PrescriberDetails(prescriber, institutionId),
                List.of(new PrescribedLine(1, drug, QUANTITY, "tablet", "1 tablet daily", DAYS)), 0, null, List.of());
        Object issued = send(0, issue, prescribing, tally);
        if (!(issued instanceof CommandOutcome outcome)) {
            return false;
        }
        String codeHash = outcome.code() == null ? exchangeCodes.hashFor(id)
                : exchangeCodes.hashFor(id, outcome.code().keyId(), outcome.code().attempt());
        if (send(1, new AcceptPrescription(id, codeHash, birthDate, pharmacyId, pharmacist), dispensing, tally)
                == null) {
            return false;
        }
        return send(2, new DispensePrescription(id, pharmacyId, pharmacist,
                List.of(new DispensedItem(1, drug, QUANTITY, DAYS)), true), dispensing, tally) != null;
    }

    private Object send(int step, Object command, Actor actor, Tally tally) {
        try {
            Object result = gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                    .andMetaData(CommandMetadata.of(actor, null)));
            tally.succeeded(step);
            return result == null ? Boolean.TRUE : result;
        } catch (RuntimeException failure) {
            tally.failed(step, failure);
            return null;
        }
    }
}
