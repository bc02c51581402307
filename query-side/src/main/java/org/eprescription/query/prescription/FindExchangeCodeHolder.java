package org.eprescription.query.prescription;

import java.util.List;

/**
 * The prescription whose exchange code has one of these keyed hashes (the typed code hashed under each key);
 * answers {@code Optional<ExchangeCodeHolder>}, a live prescription before a final one. The caller still checks the
 * patient's birth date against the answer.
 */
public record FindExchangeCodeHolder(List<String> exchangeCodeHashes) {

    public FindExchangeCodeHolder {
        exchangeCodeHashes = List.copyOf(exchangeCodeHashes);
    }
}
