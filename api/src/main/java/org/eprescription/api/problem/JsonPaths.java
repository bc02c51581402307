package org.eprescription.api.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Where in a request body a problem is, written as a client names the field: {@code lines[0].drugCode}. */
final class JsonPaths {

    private JsonPaths() {
    }

    static String of(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                append(field, reference.getFieldName());
            } else {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    /**
     * The field given twice, if that is why the body could not be read. Jackson's duplicate-key check
     * (STRICT_DUPLICATE_DETECTION) has no exception type of its own, only this text; below the top level it arrives
     * wrapped in the enclosing field's mapping exception.
     */
    static Optional<String> duplicateKey(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof JsonParseException parse && parse.getOriginalMessage() != null
                    && parse.getOriginalMessage().startsWith("Duplicate field") && parse.getProcessor() != null) {
                return Optional.of(of(parse.getProcessor().getParsingContext()));
            }
        }
        return Optional.empty();
    }

    /** The field the parser was at, from the document's root. */
    private static String of(JsonStreamContext context) {
        Deque<JsonStreamContext> fromRoot = new ArrayDeque<>();
        for (JsonStreamContext level = context; level != null && !level.inRoot(); level = level.getParent()) {
            fromRoot.push(level);
        }
        StringBuilder field = new StringBuilder();
        for (JsonStreamContext level : fromRoot) {
            if (level.inArray()) {
                field.append('[').append(Math.max(0, level.getCurrentIndex())).append(']');
            } else if (level.getCurrentName() != null) {
                append(field, level.getCurrentName());
            }
        }
        return field.toString();
    }

    private static void append(StringBuilder field, String name) {
        if (!field.isEmpty()) {
            field.append('.');
        }
        field.append(name);
    }
}
