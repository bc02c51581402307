package org.eprescription.query.alerts.query;

import org.eprescription.query.alerts.store.Conflict;

import org.eprescription.query.testsupport.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.AlertType;
import org.eprescription.core.interaction.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/http-api.md, "An alert": the field names, and a masked conflict leaves institution and prescriber out. */
class AlertViewJsonTest {

    @Test
    void anAlertSerialisesAsApiMdShowsIt() throws Exception {
        PrescriptionId own = PrescriptionId.random();
        PrescriptionId other = PrescriptionId.random();
        Conflict conflict = new Conflict("c-1", other, 1, 1, DrugCode.of("2171022F1021"), LocalDate.of(2026, 11, 20),
                LocalDate.of(2026, 12, 17), InstitutionId.of("HOSP-3"), PrescriberId.of("DOC-1"), false, null, null,
                false);
        AlertView view = new AlertView(AlertId.of("a-1"), AlertType.SAME_INGREDIENT, Severity.HIGH, AlertView.OPEN,
                own, 1, DrugCode.of("2171022F3024"), "amlodipine", "amlodipine", List.of(conflict, conflict.masked()),
                List.of(), false, Instant.parse("2026-11-20T00:00:00Z"));

        JsonNode json = TestDatabase.OBJECT_MAPPER.valueToTree(view);

        assertThat(json.get("alertId").asText()).isEqualTo("a-1");
        assertThat(json.get("type").asText()).isEqualTo("SAME_INGREDIENT");
        assertThat(json.get("severity").asText()).isEqualTo("HIGH");
        assertThat(json.get("status").asText()).isEqualTo("OPEN");
        assertThat(json.get("prescriptionId").asText()).isEqualTo(own.asString());
        assertThat(json.get("lineNumber").asInt()).isEqualTo(1);
        assertThat(json.get("drugCode").asText()).isEqualTo("2171022F3024");
        assertThat(json.get("ingredient").asText()).isEqualTo("amlodipine");
        assertThat(json.get("acknowledgements").isArray()).isTrue();
        JsonNode shown = json.get("conflicts").get(0);
        assertThat(shown.get("prescriptionId").asText()).isEqualTo(other.asString());
        assertThat(shown.get("from").asText()).isEqualTo("2026-11-20");
        assertThat(shown.get("to").asText()).isEqualTo("2026-12-17");
        assertThat(shown.get("institutionId").asText()).isEqualTo("HOSP-3");
        JsonNode masked = json.get("conflicts").get(1);
        assertThat(masked.has("institutionId")).isFalse();
        assertThat(masked.has("prescriberId")).isFalse();
        assertThat(masked.get("conflictId").asText()).as("the id names no course").isEqualTo("c-1");
        assertThat(TestDatabase.OBJECT_MAPPER.treeToValue(json, AlertView.class)).isEqualTo(view);
    }
}
