package org.eprescription.query.codes;

import lombok.RequiredArgsConstructor;
import org.eprescription.core.code.ExchangeCodeTakenException;
import org.eprescription.core.code.LiveExchangeCodes;
import org.eprescription.core.ids.PrescriptionId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

/**
 * The table {@code live_exchange_code} (migration V110): the code hashes live prescriptions hold, as the commands'
 * own transactions left them. An issue reads it in a statement of its own (READ COMMITTED: what every committed
 * command left); two issues that pick the same hash at once meet at its primary key, and the later one fails.
 */
@Component
@RequiredArgsConstructor
public class LiveExchangeCodeRepository implements LiveExchangeCodes {

    private final JdbcClient jdbc;

    @Override
    public boolean anyHeld(Collection<String> codeHashes) {
        if (codeHashes.isEmpty()) {
            return false;
        }
        return jdbc.sql("select exists (select 1 from live_exchange_code where code_hash = any(:hashes))")
                .param("hashes", codeHashes.toArray(String[]::new))
                .query(Boolean.class)
                .single();
    }

    /**
     * The live prescription holding one of these hashes (a typed code's hash under each key). Never behind the
     * events: the issue wrote it in its own transaction, so a pharmacy's accept finds a prescription the view has not
     * taken in yet (docs/domain.md, "The exchange code").
     */
    public Optional<LiveExchangeCode> findHolder(Collection<String> codeHashes) {
        if (codeHashes.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("select code_hash, prescription_id from live_exchange_code where code_hash = any(:hashes) "
                        + "order by code_hash limit 1")
                .param("hashes", codeHashes.toArray(String[]::new))
                .query((rs, row) -> new LiveExchangeCode(rs.getString("code_hash"),
                        new PrescriptionId(rs.getObject("prescription_id", UUID.class))))
                .optional();
    }

    /**
     * @throws ExchangeCodeTakenException when another prescription holds the hash: it committed it after this issue
     *                                    looked, and this issue is decided again
     */
    void hold(String codeHash, PrescriptionId prescriptionId) {
        try {
            jdbc.sql("insert into live_exchange_code (code_hash, prescription_id) values (:hash, :id)")
                    .param("hash", codeHash)
                    .param("id", prescriptionId.value())
                    .update();
        } catch (DuplicateKeyException taken) {
            throw new ExchangeCodeTakenException();
        }
    }

    void release(PrescriptionId prescriptionId) {
        jdbc.sql("delete from live_exchange_code where prescription_id = :id")
                .param("id", prescriptionId.value())
                .update();
    }
}
