package org.eprescription.api.fhir;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A recorded FHIR operation's Location names the Task (docs/fhir.md, "Errors"). */
class RecordedTaskAnswersTest {

    @Test
    void aPrescriptionsLocationBecomesItsTaskAndAnyOtherStaysAsItIs() {
        String id = "b3e1c2d4-0000-4000-8000-000000000002";

        assertThat(RecordedTaskAnswers.taskLocation("/api/v1/prescriptions/" + id)).isEqualTo("/fhir/Task/" + id);
        assertThat(RecordedTaskAnswers.taskLocation("http://host/api/v1/prescriptions/" + id))
                .isEqualTo("http://host/fhir/Task/" + id);
        assertThat(RecordedTaskAnswers.taskLocation("/api/v1/dispensing-records/x")).isEqualTo("/api/v1/dispensing-records/x");
        assertThat(RecordedTaskAnswers.taskLocation(null)).isNull();
    }
}
