package org.eprescription.api.admin;

import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;

/**
 * The table {@code projection_replay_due} (migration V166): projections that must be rebuilt from the events once,
 * because a release added or changed what they hold and their rows from before it are missing or wrong
 * (docs/operations.md, "Replays due at start"). A replay takes its projections off in the transaction that swaps the
 * rebuilt tables in, so a projection stays due until a replay of it has completed on some node.
 */
@Component
@RequiredArgsConstructor
class DueReplays {

    private final JdbcClient jdbc;

    List<String> all() {
        return jdbc.sql("select projection from projection_replay_due order by due_since, projection")
                .query(String.class)
                .list();
    }

    boolean isDue(String projection) {
        return jdbc.sql("select count(*) > 0 from projection_replay_due where projection = :projection")
                .param("projection", projection)
                .query(Boolean.class)
                .single();
    }

    /** In the swap's transaction: the projections just rebuilt are no longer due. */
    void done(Collection<String> projections) {
        if (!projections.isEmpty()) {
            jdbc.sql("delete from projection_replay_due where projection in (:projections)")
                    .param("projections", List.copyOf(projections))
                    .update();
        }
    }
}
