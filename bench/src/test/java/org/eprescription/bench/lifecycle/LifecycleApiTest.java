package org.eprescription.bench.lifecycle;

import org.eprescription.bench.common.Args;
import org.eprescription.bench.common.LifecycleCast;
import org.eprescription.bench.common.UsageException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LifecycleApiTest {

    private final LifecycleCast cast = LifecycleCast.random(LifecycleLoad.STAFF);

    @Test
    void theJsonLifecycleNamesItsOwnPrescriptionAndTheFhirOneTheIdTheExchangeGave() {
        LifecycleApi.Issued json = LifecycleApi.JSON.issued().apply(cast, "{\"exchangeCode\":\"1234-5678-9012\"}")
                .orElseThrow();
        assertThat(json.prescriptionId()).isEqualTo(cast.prescriptionId());
        assertThat(LifecycleApi.JSON.dispensePath().apply(cast, json)).isEqualTo(cast.dispensePath());

        String created = "{\"identifier\":["
                + "{\"system\":\"http://example.org/fhir/sid/prescription-id\",\"value\":\"T-1\"},"
                + "{\"system\":\"http://example.org/fhir/sid/exchange-code\",\"value\":\"1234-5678-9012\"}]}";
        LifecycleApi.Issued fhir = LifecycleApi.FHIR.issued().apply(cast, created).orElseThrow();
        assertThat(fhir).isEqualTo(new LifecycleApi.Issued("T-1", "1234-5678-9012"));
        assertThat(LifecycleApi.FHIR.dispensePath().apply(cast, fhir)).isEqualTo("/Task/T-1/$dispense");
        assertThat(LifecycleApi.FHIR.dispense().apply(cast, fhir)).contains("\"value\":\"T-1/1\"", cast.drugCode());
        assertThat(LifecycleApi.FHIR.issue().apply(cast)).contains(cast.patientId(), cast.prescriberId(),
                cast.institutionId(), cast.drugCode()).doesNotContain(cast.prescriptionId());
        assertThat(LifecycleApi.FHIR.issued().apply(cast, "{\"exchangeCode\":\"1234-5678-9012\"}")).isEmpty();
    }

    @Test
    void theApiIsJsonUnlessAskedAndFhirDrivesWholeLifecyclesOnly() {
        assertThat(LifecycleLoad.Options.of(Args.parse()).api()).isEqualTo(LifecycleApi.JSON);
        LifecycleLoad.Options fhir = LifecycleLoad.Options.of(Args.parse("--api", "fhir", "--clients", "2"));
        assertThat(fhir.api()).isEqualTo(LifecycleApi.FHIR);
        assertThat(fhir.label()).isEqualTo("2 clients, FHIR");
        assertThatThrownBy(() -> LifecycleLoad.Options.of(Args.parse("--api", "fhir", "--steps", "issue")))
                .isInstanceOf(UsageException.class).hasMessageContaining("JSON API only");
        assertThatThrownBy(() -> LifecycleLoad.Options.of(Args.parse("--api", "xml")))
                .isInstanceOf(UsageException.class).hasMessageContaining("json or fhir");
    }
}
