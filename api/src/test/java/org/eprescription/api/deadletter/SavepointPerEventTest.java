package org.eprescription.api.deadletter;

import org.axonframework.messaging.annotation.AnnotatedHandlerInspector;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.eprescription.core.prescription.event.InteractionCheckCompleted;
import org.eprescription.core.prescription.event.PrescriptionCancelled;
import org.eprescription.core.prescription.event.PrescriptionEvent;
import org.eprescription.query.alerts.AlertProjection;
import org.eprescription.query.prescription.PrescriptionViewProjection;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which projection handlers run in a savepoint of their own: those that write rows themselves. */
class SavepointPerEventTest {

    private final SavepointPerEvent savepoints = new SavepointPerEvent(new DataSourceTransactionManager(),
            List.of(PrescriptionViewProjection.PROCESSING_GROUP, AlertProjection.PROCESSING_GROUP));

    private static <T> List<MessageHandlingMember<? super T>> handlers(Class<T> type) {
        return AnnotatedHandlerInspector.inspectType(type).getAllHandlers().values().stream()
                .flatMap(Set::stream).toList();
    }

    private boolean inSavepoint(MessageHandlingMember<?> handler) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        MessageHandlingMember<?> wrapped = savepoints.wrapHandler((MessageHandlingMember) handler);
        return wrapped != handler;
    }

    @Test
    void theViewProjectionsHandlersWriteAtTheBatchsEndAndNeedNone() {
        assertThat(handlers(PrescriptionViewProjection.class)).isNotEmpty()
                .noneMatch(this::inSavepoint);
    }

    @Test
    void theAlertProjectionsWritingHandlersEachGetOneAndItsProgressOnlyHandlerNone() {
        List<MessageHandlingMember<? super AlertProjection>> handlers = handlers(AlertProjection.class);
        assertThat(handlers).filteredOn(handler -> handler.payloadType().equals(InteractionCheckCompleted.class)
                        || handler.payloadType().equals(PrescriptionCancelled.class))
                .hasSize(2).allMatch(this::inSavepoint);
        assertThat(handlers).filteredOn(handler -> handler.payloadType().equals(PrescriptionEvent.class))
                .hasSize(1).noneMatch(this::inSavepoint);
    }
}
