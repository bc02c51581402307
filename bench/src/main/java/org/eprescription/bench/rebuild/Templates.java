package org.eprescription.bench.rebuild;

import org.eprescription.bench.common.Answer;
import org.eprescription.bench.common.ApiClient;
import org.eprescription.bench.common.Bodies;
import org.eprescription.bench.common.Tokens;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A handful of real prescription lifecycles through the API (issue, accept, dispense with and without refills,
 * partial dispensing, generic substitution, cancellations, a release and a second pharmacy, an interaction alert
 * acknowledged) and a consent, with placeholder identities ({@code PATIENT-TMPL-nn}, {@code DOCTOR-TMPL},
 * {@code HOSPITAL-TMPL}, {@code PHARMA-TMPL-A/B}, {@code CHEMIST-TMPL-A/B}) that bench/rebuild-load.sql replaces
 * in every clone. Writes one tab-separated line per template: id, name, weight, prescription id (or the consent
 * aggregate), patient id.
 */
final class Templates {

    private static final Pattern ALERT_ID = Pattern.compile("\"alertId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");

    static final String PRESCRIBER = "DOCTOR-TMPL";
    static final String INSTITUTION = "HOSPITAL-TMPL";
    static final String PHARMACY_A = "PHARMA-TMPL-A";
    static final String PHARMACIST_A = "CHEMIST-TMPL-A";
    static final String PHARMACY_B = "PHARMA-TMPL-B";
    static final String PHARMACIST_B = "CHEMIST-TMPL-B";
    static final LocalDate BIRTH_DATE = LocalDate.of(1960, 5, 5);

    /** One template lifecycle: what the clones of it repeat. */
    record Template(int id, String name, int weight, String aggregate, String patient) {
    }

    /** A pharmacist's token and who the bodies name. */
    private record Pharmacist(String token, String pharmacy, String id) {
    }

    private final ApiClient api;
    private final Tokens tokens;
    private final String prescriber;
    private final Pharmacist a;
    private final Pharmacist b;

    Templates(ApiClient api, Tokens tokens) {
        this.api = api;
        this.tokens = tokens;
        this.prescriber = tokens.prescriber(PRESCRIBER, INSTITUTION);
        this.a = new Pharmacist(tokens.pharmacist(PHARMACIST_A, PHARMACY_A), PHARMACY_A, PHARMACIST_A);
        this.b = new Pharmacist(tokens.pharmacist(PHARMACIST_B, PHARMACY_B), PHARMACY_B, PHARMACIST_B);
    }

    void write(Path out) throws IOException {
        List<Template> templates = new ArrayList<>();
        int n = 0;

        // 1-3: issue, accept, dispense the whole quantity: PrescriptionIssued, Accepted, Dispensed, Completed
        templates.add(complete(++n, "complete-amlodipine", 5, "2171022F1021", 28, 0));
        templates.add(complete(++n, "complete-zolpidem", 3, "1129009F1025", 14, 0));
        templates.add(complete(++n, "complete-atorvastatin", 3, "2189015F1023", 30, 0));
        // 4: one refill: the dispensing completes use 1 and schedules use 2 (... Dispensed, RefillScheduled)
        templates.add(complete(++n, "refill-amlodipine", 3, "2171022F3024", 28, 1));
        {   // 5: two partial dispensings, the second completes the use
            int id = ++n;
            UUID p = UUID.randomUUID();
            String code = issue(p, patient(id), line(1, "3962002F1024", 56, "tablet", 28));
            accept(a, code);
            dispense(a, p, Bodies.item(1, "3962002F1024", 28, 14), false, "DISPENSED");
            dispense(a, p, Bodies.item(1, "3962002F1024", 28, 14), true, "COMPLETED");
            templates.add(new Template(id, "partial-metformin", 2, p.toString(), patient(id)));
        }
        {   // 6: generic substitution: brand prescribed, generic dispensed
            int id = ++n;
            UUID p = UUID.randomUUID();
            String code = issue(p, patient(id), line(1, "2171022F1021", 28, "tablet", 28));
            accept(a, code);
            dispense(a, p, Bodies.item(1, "2171022F3024", 28, 28), true, "COMPLETED");
            templates.add(new Template(id, "generic-substitution", 2, p.toString(), patient(id)));
        }
        {   // 7: cancelled before any pharmacy took it: Issued, Cancelled
            int id = ++n;
            UUID p = UUID.randomUUID();
            issue(p, patient(id), line(1, "1149019F1027", 21, "tablet", 7));
            expect(api.post("/prescriptions/" + p + "/cancel", "{\"reason\":\"wrong dose\"}", prescriber), "cancel",
                    "CANCELLED");
            templates.add(new Template(id, "cancel-issued", 1, p.toString(), patient(id)));
        }
        {   // 8: cancelled while held: Issued, Accepted, CancellationRequested, Released, Cancelled
            int id = ++n;
            UUID p = UUID.randomUUID();
            String code = issue(p, patient(id), line(1, "2149114F1026", 28, "tablet", 28));
            accept(a, code);
            expect(api.post("/prescriptions/" + p + "/cancel", "{\"reason\":\"therapy changed\"}", prescriber),
                    "cancel", "ACCEPTED");
            release(a, p, "cancellation requested", "CANCELLED");
            templates.add(new Template(id, "cancel-held", 1, p.toString(), patient(id)));
        }
        {   // 9: released by one pharmacy, accepted and dispensed by another
            int id = ++n;
            UUID p = UUID.randomUUID();
            String code = issue(p, patient(id), line(1, "1129009F2021", 14, "tablet", 14));
            accept(a, code);
            release(a, p, "out of stock", "ISSUED");
            accept(b, code);
            dispense(b, p, Bodies.item(1, "1129009F2021", 14, 14), true, "COMPLETED");
            templates.add(new Template(id, "release-reaccept", 1, p.toString(), patient(id)));
        }
        {   // 10: two lines that interact (triazolam + itraconazole): alert, acknowledged, then dispensed
            int id = ++n;
            UUID p = UUID.randomUUID();
            Answer issued = api.post("/prescriptions", Bodies.issue(p.toString(), patient(id), BIRTH_DATE,
                    "Template Patient", PRESCRIBER, INSTITUTION, line(1, "1124007F1024", 14, "tablet", 14) + ","
                            + line(2, "6290002M1021", 7, "capsule", 7), 0), prescriber);
            expect(issued, "issue", "ISSUED");
            Matcher alert = ALERT_ID.matcher(issued.body());
            if (!alert.find()) {
                throw new IllegalStateException("no alert for triazolam + itraconazole: " + issued.body());
            }
            Answer acknowledged = api.post("/prescriptions/" + p + "/alerts/" + alert.group(1) + "/acknowledge",
                    "{\"reason\":\"benefit outweighs the risk\"}", prescriber);
            if (acknowledged.status() != 200) {
                throw new IllegalStateException("acknowledge answered " + acknowledged.status() + " "
                        + acknowledged.body());
            }
            accept(a, exchangeCode(issued));
            dispense(a, p, Bodies.item(1, "1124007F1024", 14, 14) + "," + Bodies.item(2, "6290002M1021", 7, 7), true,
                    "COMPLETED");
            templates.add(new Template(id, "interaction-acknowledged", 2, p.toString(), patient(id)));
        }
        {   // 11: issued and never collected (yet)
            int id = ++n;
            UUID p = UUID.randomUUID();
            issue(p, patient(id), line(1, "2189015F1023", 30, "tablet", 30));
            templates.add(new Template(id, "issued-only", 1, p.toString(), patient(id)));
        }
        {   // 12: consent (cloned once for every tenth patient, not as a lifecycle)
            int id = ++n;
            String patient = patient(id);
            Answer consent = api.put("/patients/" + patient + "/consent", "{\"sharingAllowed\":true}",
                    tokens.patient(patient));
            if (consent.status() != 200) {
                throw new IllegalStateException("consent answered " + consent.status() + " " + consent.body());
            }
            templates.add(new Template(id, "consent", 0, "consent:" + patient, patient));
        }
        StringBuilder tsv = new StringBuilder();
        for (Template t : templates) {
            tsv.append(t.id()).append('\t').append(t.name()).append('\t').append(t.weight()).append('\t')
                    .append(t.aggregate()).append('\t').append(t.patient()).append('\n');
            System.out.printf(Locale.ROOT, "template %2d %-26s weight %d  %s%n", t.id(), t.name(), t.weight(),
                    t.aggregate());
        }
        Files.writeString(out, tsv.toString());
    }

    static String patient(int template) {
        return String.format(Locale.ROOT, "PATIENT-TMPL-%02d", template);
    }

    private static String line(int number, String drug, int quantity, String unit, int days) {
        return Bodies.line(number, drug, quantity, unit, "as directed", days);
    }

    /** Issue, accept and dispense the whole quantity at pharmacy A (with refills: awaiting the next). */
    private Template complete(int id, String name, int weight, String drug, int days, int refills) {
        UUID p = UUID.randomUUID();
        Answer issued = api.post("/prescriptions", Bodies.issue(p.toString(), patient(id), BIRTH_DATE,
                "Template Patient", PRESCRIBER, INSTITUTION, line(1, drug, days, "tablet", days), refills), prescriber);
        expect(issued, "issue", "ISSUED");
        accept(a, exchangeCode(issued));
        dispense(a, p, Bodies.item(1, drug, days, days), true, refills > 0 ? "AWAITING_REFILL" : "COMPLETED");
        return new Template(id, name, weight, p.toString(), patient(id));
    }

    private String issue(UUID p, String patient, String lines) {
        Answer issued = api.post("/prescriptions", Bodies.issue(p.toString(), patient, BIRTH_DATE, "Template Patient",
                PRESCRIBER, INSTITUTION, lines, 0), prescriber);
        expect(issued, "issue", "ISSUED");
        return exchangeCode(issued);
    }

    private void accept(Pharmacist pharmacist, String code) {
        expect(api.post("/prescriptions/accept", Bodies.accept(code, BIRTH_DATE, pharmacist.pharmacy(),
                pharmacist.id()), pharmacist.token()), "accept", "ACCEPTED");
    }

    private void release(Pharmacist pharmacist, UUID p, String reason, String status) {
        expect(api.post("/prescriptions/" + p + "/release", "{\"pharmacyId\":\"" + pharmacist.pharmacy()
                + "\",\"reason\":\"" + reason + "\"}", pharmacist.token()), "release", status);
    }

    private void dispense(Pharmacist pharmacist, UUID p, String items, boolean completes, String status) {
        Answer answer = api.post("/prescriptions/" + p + "/dispense", Bodies.dispense(pharmacist.pharmacy(),
                pharmacist.id(), items, completes), pharmacist.token());
        if (!"DISPENSED".equals(status)) {
            expect(answer, "dispense", status);
        } else if (answer.status() != 200) {
            throw new IllegalStateException("dispense answered " + answer.status() + " " + answer.body());
        }
    }

    private static String exchangeCode(Answer issued) {
        return Bodies.exchangeCode(issued.body())
                .orElseThrow(() -> new IllegalStateException("no exchange code in " + issued.body()));
    }

    private static void expect(Answer answer, String what, String status) {
        Matcher m = STATUS.matcher(answer.body());
        if (!answer.ok() || !m.find() || !m.group(1).equals(status)) {
            throw new IllegalStateException(what + " answered " + answer.status() + ", expected status " + status
                    + ": " + answer.body());
        }
    }
}
