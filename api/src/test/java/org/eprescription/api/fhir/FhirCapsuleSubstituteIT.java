package org.eprescription.api.fhir;

import org.eprescription.api.support.Catalogues;
import org.eprescription.api.support.ExchangeNode;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IsolatedDatabase;
import org.eprescription.api.support.Lifecycle;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.fhir.FhirBundles.only;
import static org.eprescription.api.fhir.IssueBundles.SID;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issueFor;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * docs/fhir.md, "Task/{id}/$dispense": a dose-true capsule for a line of tablets (a catalogue that has one in the
 * tablet's form group) goes out through FHIR as through the JSON API, its quantity counted in capsules.
 */
class FhirCapsuleSubstituteIT {

    private static final String AMLODIPINE_CAPSULE = "2171022M1029";

    @TempDir
    Path catalogueWithACapsule;

    @Test
    void aDoseTrueCapsuleForALineOfTabletsGoesOutThroughFhirAsThroughTheJsonApi() throws IOException {
        Catalogues.writeWithDrugs(catalogueWithACapsule, AMLODIPINE_CAPSULE + ",Amlodipine 5 mg capsule (test)"
                + ",amlodipine,oral,2171,coronary vasodilators,capsule,5 mg,capsule,oral-solid,yes,,");
        String url = IsolatedDatabase.createAnother("px_capsule_substitute");
        String pharmacy = unique("PH");

        try (ConfigurableApplicationContext node = ExchangeNode.startOnDatabase(url,
                List.of("--exchange.catalogue.directory=" + catalogueWithACapsule))) {
            HttpApi api = ExchangeNode.api(node);
            String viaJson = acceptedTablets(api, pharmacy);
            String viaFhir = acceptedTablets(api, pharmacy);

            Response json = api.post("/prescriptions/" + viaJson + "/dispense",
                    dispense(pharmacy, true, item(1, AMLODIPINE_CAPSULE, 28, 28)));
            Identifier line = new Identifier().setSystem(SID + "prescription-line").setValue(viaFhir + "/1");
            TaskParameters capsules = TaskParameters.dispensing().item(line, AMLODIPINE_CAPSULE, 28, 28)
                    .completesUse(true);
            ((MedicationDispense) capsules.parameters().getParameterFirstRep().getResource()).getQuantity()
                    .setUnit("capsule").setCode("capsule");
            FhirHttp.Answer fhir = new FhirTasks(ExchangeNode.port(node)).operation(viaFhir, "dispense", capsules,
                    Identity.pharmacist(pharmacy));

            assertThat(json.status()).as(json.toString()).isEqualTo(200);
            assertThat(fhir.status()).as(fhir.toString()).isEqualTo(200);
            MedicationDispense dispensed = only(fhir.as(Bundle.class), MedicationDispense.class);
            assertThat(dispensed.getMedicationCodeableConcept().getCodingFirstRep().getCode())
                    .isEqualTo(AMLODIPINE_CAPSULE);
            assertThat(dispensed.getQuantity().getValue()).isEqualByComparingTo("28");
            assertThat(dispensed.getSubstitution().getWasSubstituted()).isTrue();
            assertThat(dispensed.getQuantity().getUnit()).as("28 capsules went out, not 28 tablets")
                    .isEqualTo("capsule");
            FhirHttp http = new FhirHttp(ExchangeNode.port(node));
            FhirHttp.Answer searched = http.get("/MedicationDispense?prescription=" + viaFhir,
                    Identity.pharmacist(pharmacy), Map.of());
            assertThat(searched.status()).as(searched.toString()).isEqualTo(200);
            assertThat(only(searched.as(Bundle.class), MedicationDispense.class).getQuantity().getUnit())
                    .isEqualTo("capsule");
            Response jsonView = api.as(Identity.pharmacist(pharmacy)).get("/prescriptions/" + viaJson);
            Response fhirView = api.as(Identity.pharmacist(pharmacy)).get("/prescriptions/" + viaFhir);
            assertThat(fhirView.body().path("status")).isEqualTo(jsonView.body().path("status"));
            assertThat(fhirView.body().path("lines")).isEqualTo(jsonView.body().path("lines"));
            assertThat(fhirView.body().path("dispensings").get(0).path("items"))
                    .isEqualTo(jsonView.body().path("dispensings").get(0).path("items"));
        }
    }

    /** A prescription of 28 amlodipine tablets the pharmacy holds; its id. */
    private static String acceptedTablets(HttpApi api, String pharmacy) {
        return Lifecycle.acceptedBy(api, pharmacy, issueFor(unique("PAT"), unique("HOSP"), AMLODIPINE_BRAND, 28)).id();
    }
}
