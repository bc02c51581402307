package org.eprescription.api.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.privacy.BulkReadLog;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Who read patients' data in bulk (exports, a verify's examples), for the auditors of auditors. */
@Tag(name = "audit")
@RestController
@RequestMapping("/api/v1/audit/bulk-reads")
@RequiredArgsConstructor
public class BulkReadLogController {

    private final BulkReadLog log;

    /**
     * The newest entries, and whether older ones were left out ({@code truncated}): an answer that stops there must
     * say so, or a reader takes it for the whole log.
     */
    public record BulkReads(List<BulkReadLog.Entry> reads, boolean truncated) {
    }

    @Operation(operationId = "getBulkReads", summary = "Read the log of bulk reads",
            description = "For auditors: every export of the events and every verify that answered rows, newest "
                    + "first (at most 1,000): who, when, which filter, how many lines, and whether it completed.")
    @GetMapping
    public BulkReads reads() {
        List<BulkReadLog.Entry> entries = log.latest();
        return entries.size() > BulkReadLog.LIMIT
                ? new BulkReads(entries.subList(0, BulkReadLog.LIMIT), true)
                : new BulkReads(entries, false);
    }
}
