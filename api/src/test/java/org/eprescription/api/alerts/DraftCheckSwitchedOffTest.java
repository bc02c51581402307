package org.eprescription.api.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eprescription.api.config.ExchangeProperties;
import org.eprescription.api.privacy.AccessLog;
import org.eprescription.api.security.ResourceAccess;
import org.eprescription.query.alerts.query.AlertQueries;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * docs/alerts.md: with alerts switched off a draft's check says it was not performed, never "nothing found"; the
 * course record it would read is not kept then.
 */
class DraftCheckSwitchedOffTest {

    private final AlertQueries alertQueries = mock(AlertQueries.class);
    private final AccessLog accessLog = mock(AccessLog.class);

    @Test
    void aDraftIsNotCheckedAndNothingIsReadOrLogged() {
        ExchangeProperties properties = mock(ExchangeProperties.class);
        when(properties.alerts()).thenReturn(new ExchangeProperties.Alerts(false, false));
        DraftCheck check = new DraftCheck(alertQueries, mock(ResourceAccess.class), accessLog, Clock.systemUTC(),
                properties);

        assertThat(check.check(new DuplicateCheckRequest("PAT-1", List.of(), null, null))).isEmpty();
        verifyNoInteractions(alertQueries, accessLog);
    }

    @Test
    void theAnswerSaysNotPerformedAndHasNoAlertsField() throws Exception {
        String json = new ObjectMapper().writeValueAsString(
                AlertController.DuplicateCheckResponse.of(java.util.Optional.empty()));

        assertThat(new ObjectMapper().readValue(json, Map.class))
                .isEqualTo(Map.of("alertCheck", Map.of("performed", false)));
    }
}
