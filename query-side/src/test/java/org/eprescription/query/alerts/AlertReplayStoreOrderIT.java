package org.eprescription.query.alerts;

import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.query.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A patient's courses come in the order the repository's SQL gives them, uuids included. */
class AlertReplayStoreOrderIT {

    @Test
    void uuidsAreOrderedAsPostgreSqlOrdersThem() {
        List<PrescriptionId> ids = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            ids.add(new PrescriptionId(new UUID(random.nextLong(), random.nextLong())));
        }
        ids.add(new PrescriptionId(new UUID(Long.MIN_VALUE, 0)));
        ids.add(new PrescriptionId(new UUID(-1, -1)));
        ids.add(new PrescriptionId(new UUID(0, 0)));
        List<PrescriptionId> ours = new ArrayList<>(ids);
        ours.sort(AlertReplayStore.UUID_ORDER);
        try (TestDatabase database = new TestDatabase()) {
            List<UUID> postgres = database.jdbcClient()
                    .sql("select id from unnest(cast(:ids as uuid[])) id order by id")
                    .param("ids", ids.stream().map(PrescriptionId::value).toArray(UUID[]::new))
                    .query(UUID.class).list();
            assertThat(ours.stream().map(PrescriptionId::value).toList()).isEqualTo(postgres);
        }
    }
}
