package org.eprescription.core.testsupport;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.ResultValidator;
import org.axonframework.test.matchers.Matchers;

import java.util.ArrayList;
import java.util.List;

/** The payloads a fixture's command applied, for tests that look inside the events rather than compare them whole. */
public final class RecordedEvents {

    private RecordedEvents() {
    }

    /** The events the command applied, in order; fails unless the command succeeded. */
    public static List<Object> recorded(ResultValidator<?> result) {
        List<Object> payloads = new ArrayList<>();
        result.expectSuccessfulHandlerExecution();
        result.expectEventsMatching(Matchers.predicate(events -> {
            events.forEach(event -> payloads.add(((EventMessage<?>) event).getPayload()));
            return true;
        }));
        return payloads;
    }

    /** The first event of the type among them; fails naming them all when there is none. */
    public static <T> T the(Class<T> type, List<Object> events) {
        return events.stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " among " + events));
    }
}
