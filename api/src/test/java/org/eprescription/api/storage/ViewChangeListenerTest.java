package org.eprescription.api.storage;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** A listening connection that no longer answers a round trip is given up, so the node reconnects. */
class ViewChangeListenerTest {

    @Test
    void aConnectionThatDoesNotAnswerWithinTheLimitIsGivenUp() throws SQLException {
        Connection dropped = mock(Connection.class);
        when(dropped.isValid(anyInt())).thenReturn(false);

        assertThatThrownBy(() -> ViewChangeListener.requireAnswer(dropped)).isInstanceOf(SQLException.class)
                .hasMessageContaining("no longer answers");
    }

    @Test
    void aConnectionThatAnswersIsKept() throws SQLException {
        Connection alive = mock(Connection.class);
        when(alive.isValid(anyInt())).thenReturn(true);

        assertThatCode(() -> ViewChangeListener.requireAnswer(alive)).doesNotThrowAnyException();
    }
}
