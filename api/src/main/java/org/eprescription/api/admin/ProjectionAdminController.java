package org.eprescription.api.admin;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/** The projections for auditors and operators: their state, a replay without downtime, and a verification. */
@RestController
@RequestMapping("/api/v1/admin/projections")
public class ProjectionAdminController {

    private final ProjectionAdmin admin;

    public ProjectionAdminController(ProjectionAdmin admin) {
        this.admin = admin;
    }

    public record Projections(List<ProjectionStatus> projections) {
    }

    @GetMapping
    public Projections projections() {
        return new Projections(admin.statuses());
    }

    /** 202: the replay runs in the background; GET /admin/projections shows its progress. */
    @PostMapping("/{name}/replay")
    public ResponseEntity<ProjectionStatus> replay(@PathVariable String name) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/admin/projections"))
                .body(admin.startReplay(name));
    }

    @PostMapping("/{name}/verify")
    public VerificationReport verify(@PathVariable String name) throws InterruptedException {
        return admin.verify(name);
    }
}
