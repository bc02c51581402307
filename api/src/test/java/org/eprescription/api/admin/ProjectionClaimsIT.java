package org.eprescription.api.admin;

import org.eprescription.api.support.IsolatedDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The claims that keep replays and verifications one at a time across nodes, taken by two nodes (two instances, each
 * with its connections of its own) on one database.
 */
class ProjectionClaimsIT {

    private static final String PROCESSOR = "projections";
    private static final String OTHER_PROCESSOR = "medication-alerts";

    private static DataSource database;
    private static ProjectionClaims nodeA;
    private static ProjectionClaims nodeB;

    @BeforeAll
    static void twoNodesOnOneDatabase() {
        String url = IsolatedDatabase.createAnother("px_claims");
        database = new DriverManagerDataSource(url, IsolatedDatabase.user(), IsolatedDatabase.password());
        nodeA = new ProjectionClaims(new DriverManagerDataSource(url, IsolatedDatabase.user(),
                IsolatedDatabase.password()));
        nodeB = new ProjectionClaims(new DriverManagerDataSource(url, IsolatedDatabase.user(),
                IsolatedDatabase.password()));
    }

    @Test
    void whileOneNodeReplaysNoNodeReplaysOrVerifiesAProjectionOfThatProcessor() {
        try (ProjectionClaims.Claim replay = nodeA.forReplay(List.of(PROCESSOR)).orElseThrow()) {
            assertThat(nodeB.forReplay(List.of(PROCESSOR))).isEmpty();
            assertThat(nodeB.forReplay(List.of(OTHER_PROCESSOR, PROCESSOR))).isEmpty();
            assertThat(nodeB.forVerification(PROCESSOR, "prescription-view")).isEmpty();
            assertThat(nodeA.forReplay(List.of(PROCESSOR))).as("on the same node too").isEmpty();
            // another processor, which the refused claim of both left free
            nodeB.forReplay(List.of(OTHER_PROCESSOR)).orElseThrow().close();
        }
        nodeB.forReplay(List.of(PROCESSOR)).orElseThrow().close();
    }

    @Test
    void whileOneNodeVerifiesAProjectionOthersMayVerifyAnotherOfItsProcessorButNotReplayIt() {
        try (ProjectionClaims.Claim verify = nodeA.forVerification(PROCESSOR, "medication-alerts").orElseThrow()) {
            assertThat(nodeB.forVerification(PROCESSOR, "medication-alerts")).isEmpty();
            assertThat(nodeB.forReplay(List.of(PROCESSOR))).isEmpty();
            Optional<ProjectionClaims.Claim> another = nodeB.forVerification(PROCESSOR, "prescription-view");
            assertThat(another).isPresent();
            another.get().close();
        }
        nodeB.forVerification(PROCESSOR, "medication-alerts").orElseThrow().close();
    }

    @Test
    void aNodeThatDiesReleasesItsClaim() {
        ProjectionClaims.Claim replay = nodeA.forReplay(List.of(PROCESSOR)).orElseThrow();
        assertThat(nodeB.forReplay(List.of(PROCESSOR))).isEmpty();

        // its session ends without a word, as when its process is killed
        int ended = JdbcClient.create(database).sql("""
                        select count(pg_terminate_backend(pid)) from pg_locks
                         where locktype = 'advisory' and database = (select oid from pg_database
                                                                       where datname = current_database())
                        """)
                .query(Integer.class).single();
        assertThat(ended).isEqualTo(1);
        assertThatThrownBy(replay::requireHeld).as("a replay holding it learns before its swap")
                .isInstanceOf(IllegalStateException.class);

        await().atMost(Duration.ofSeconds(10)).until(() -> nodeB.forReplay(List.of(PROCESSOR))
                .map(taken -> {
                    taken.close();
                    return true;
                }).orElse(false));
        replay.close();
    }

    @Test
    void aClaimStillHeldPassesItsCheck() {
        try (ProjectionClaims.Claim replay = nodeA.forReplay(List.of(PROCESSOR)).orElseThrow()) {
            replay.requireHeld();
        }
    }
}
