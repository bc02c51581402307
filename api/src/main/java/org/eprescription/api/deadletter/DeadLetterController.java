package org.eprescription.api.deadletter;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.openapi.ProblemAnswers;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Events the projections could not handle, for auditors and operators, and their retry once the cause is fixed. */
@Tag(name = "admin")
@RestController
@RequestMapping("/api/v1/admin/dead-letters")
@RequiredArgsConstructor
public class DeadLetterController {

    private final DeadLetters deadLetters;

    public record DeadLetterList(List<DeadLetterView> deadLetters) {
    }

    @Operation(operationId = "listDeadLetters", summary = "List dead letters",
            description = "For auditors: events a projection could not handle.")
    @GetMapping
    public DeadLetterList list() {
        return new DeadLetterList(deadLetters.list());
    }

    /** Handles the letter's sequence again, oldest letter first; what still fails stays in the queue. */
    @Operation(operationId = "retryDeadLetter", summary = "Retry a dead letter",
            description = "For auditors: handles the letter's sequence again, oldest first; what still fails stays.")
    @ProblemAnswers(problems = "404 not-found")
    @PostMapping("/{id}/retry")
    public RetryOutcome retry(@PathVariable String id) {
        return deadLetters.retry(id);
    }
}
