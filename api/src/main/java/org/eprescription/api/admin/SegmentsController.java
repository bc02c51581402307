package org.eprescription.api.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.openapi.ProblemAnswers;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.eprescription.api.problem.UnknownResourceException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The segments of a projection that this node processes, and handing one to another node. On PostgreSQL nothing
 * balances segments: the node that starts first claims them all, and another node takes a segment only when its
 * owner stops (after the claim timeout) or releases it here. Ask the node that holds it.
 */
@Tag(name = "admin")
@RestController
@RequestMapping("/api/v1/admin/projections/{name}/segments")
@RequiredArgsConstructor
public class SegmentsController {

    private final ProjectionProcessors processors;

    public record Segments(String projection, List<Integer> claimedHere) {
    }

    @Operation(operationId = "listClaimedSegments", summary = "List the segments this node processes",
            description = "For auditors: the projection's processor segments this node holds.")
    @ProblemAnswers(problems = "404 not-found")
    @GetMapping
    public Segments claimedHere(@PathVariable String name) {
        return new Segments(name, processor(name).processingStatus().keySet().stream().sorted().toList());
    }

    /**
     * This node lets go of the segment and does not claim it again for {@code for} (ISO-8601, default 30 s). The
     * processor's coordinator does it in its next round, so the answer is 202: the segment leaves shortly after.
     */
    @Operation(operationId = "releaseSegment", summary = "Release a segment for a while",
            description = "For auditors: this node lets go of the segment and does not claim it again for a while, so "
                    + "another node can take it.")
    @ApiResponse(responseCode = "202", description = "The segment is released in the processor's next round")
    @ProblemAnswers(problems = "404 not-found")
    @PostMapping("/{segment}/release")
    public ResponseEntity<Void> release(@PathVariable String name, @PathVariable int segment,
                            @RequestParam(name = "for", defaultValue = "PT30S") Duration duration) {
        StreamingEventProcessor processor = processor(name);
        if (!processor.processingStatus().containsKey(segment)) {
            throw new UnknownResourceException("this node does not process segment " + segment + " of " + name);
        }
        processor.releaseSegment(segment, duration.toMillis(), TimeUnit.MILLISECONDS);
        return ResponseEntity.accepted().build();
    }

    private StreamingEventProcessor processor(String name) {
        return processors.find(name).orElseThrow(() -> new UnknownResourceException("no projection " + name));
    }
}
