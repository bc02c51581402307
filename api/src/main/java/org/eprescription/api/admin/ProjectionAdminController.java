package org.eprescription.api.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.openapi.ProblemAnswers;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.headers.Header;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.eprescription.api.privacy.AccessLog;
import org.eprescription.api.privacy.BulkReadLog;
import org.eprescription.api.problem.UnknownResourceException;
import org.eprescription.core.ids.PatientId;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The projections for auditors and operators: their state, a replay without downtime (of one, or of all in one pass),
 * a verification, and the segments of a projection that this node processes, with handing one to another node. On
 * PostgreSQL nothing balances segments: the node that starts first claims them all, and another node takes a segment
 * only when its owner stops (after the claim timeout) or releases it here. Ask the node that holds it.
 */
@Tag(name = "admin")
@RestController
@RequestMapping("/api/v1/admin/projections")
@RequiredArgsConstructor
public class ProjectionAdminController {

    private final ProjectionAdmin admin;
    private final ProjectionProcessors processors;
    private final BulkReadLog bulkReads;
    private final AccessLog accessLog;

    public record Projections(List<ProjectionStatus> projections) {
    }

    public record Segments(String projection, List<Integer> claimedHere) {
    }

    @Operation(operationId = "listProjections", summary = "List the projections",
            description = "For auditors: each projection's state, position, lag and replay progress.")
    @GetMapping
    public Projections projections() {
        return new Projections(admin.statuses());
    }

    /**
     * 202: every projection is rebuilt in the background, in one pass over the store and one swap; GET
     * /admin/projections shows each one's progress.
     */
    @Operation(operationId = "replayAllProjections", summary = "Replay every projection",
            description = "For auditors: rebuilds every projection from the first event in the background, reading "
                    + "each event once for all of them, and swaps all the rebuilt tables in at once, without "
                    + "downtime; GET /admin/projections shows their progress. Refused while any projection replays "
                    + "or verifies.")
    @ApiResponse(responseCode = "202", description = "Replay started",
            headers = @Header(name = "Location", description = "the projections' states",
                    schema = @Schema(type = "string")))
    @ProblemAnswers(problems = "409 projection-busy")
    @PostMapping("/replay")
    public ResponseEntity<Projections> replayAll() {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/admin/projections"))
                .body(new Projections(admin.startReplayOfAll()));
    }

    /** 202: the replay runs in the background; GET /admin/projections shows its progress. */
    @Operation(operationId = "replayProjection", summary = "Replay a projection",
            description = "For auditors: rebuilds the projection from the first event in the background, without "
                    + "downtime; GET /admin/projections shows its progress.")
    @ApiResponse(responseCode = "202", description = "Replay started",
            headers = @Header(name = "Location", description = "the projections' states",
                    schema = @Schema(type = "string")))
    @ProblemAnswers(problems = {"404 not-found", "409 projection-busy"})
    @PostMapping("/{name}/replay")
    public ResponseEntity<ProjectionStatus> replay(@PathVariable String name) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/admin/projections"))
                .body(admin.startReplay(name));
    }

    @Operation(operationId = "verifyProjection", summary = "Verify a projection",
            description = "For auditors: rebuilds the projection aside and compares it with the live one.")
    @ProblemAnswers(problems = {"404 not-found", "409 projection-busy"})
    @PostMapping("/{name}/verify")
    public VerificationReport verify(@PathVariable String name) throws InterruptedException {
        VerificationReport report = admin.verify(name);
        if (!report.examples().isEmpty()) {
            // the examples quote live and rebuilt rows, patients' data (docs/operations.md, "Audit")
            bulkReads.read("verify of projection " + name, report.examples().size());
            accessLog.read(patientsIn(report), "rows of projection " + name + " shown by verify");
        }
        return report;
    }

    /** The patients whose rows the examples show, as their key or rows name them. */
    private static List<PatientId> patientsIn(VerificationReport report) {
        return report.examples().stream()
                .flatMap(example -> Stream.of(example.key(), example.live(), example.rebuilt()))
                .filter(row -> row != null && row.path("patient_id").isTextual())
                .map(row -> PatientId.of(row.path("patient_id").asText()))
                .distinct()
                .toList();
    }

    @Operation(operationId = "listClaimedSegments", summary = "List the segments this node processes",
            description = "For auditors: the projection's processor segments this node holds.")
    @ProblemAnswers(problems = "404 not-found")
    @GetMapping("/{name}/segments")
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
    @PostMapping("/{name}/segments/{segment}/release")
    public ResponseEntity<Void> release(@PathVariable String name, @PathVariable int segment,
                                        @RequestParam(name = "for", defaultValue = "PT30S") Duration duration) {
        if (duration.isNegative() || duration.compareTo(LONGEST_RELEASE) > 0) {
            throw new IllegalArgumentException("'for' must be a duration from PT0S to P1D, such as PT30S");
        }
        StreamingEventProcessor processor = processor(name);
        if (!processor.processingStatus().containsKey(segment)) {
            throw new UnknownResourceException("this node does not process segment " + segment + " of " + name);
        }
        processor.releaseSegment(segment, duration.toMillis(), TimeUnit.MILLISECONDS);
        return ResponseEntity.accepted().build();
    }

    /** The longest a node lets go of a segment: longer is an operator's typo, not a plan. */
    static final Duration LONGEST_RELEASE = Duration.ofDays(1);

    private StreamingEventProcessor processor(String name) {
        return processors.find(name).orElseThrow(() -> new UnknownResourceException("no projection " + name));
    }
}
