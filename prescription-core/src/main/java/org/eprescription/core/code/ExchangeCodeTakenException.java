package org.eprescription.core.code;

/**
 * Another issue committed the same exchange code hash while this one was deciding: this issue recorded nothing and
 * can be sent again, when it sees that hash held and derives another code. Names neither code nor hash.
 */
public class ExchangeCodeTakenException extends RuntimeException {

    public ExchangeCodeTakenException() {
        // no cause: the database's message names the hash
        super("another prescription took the same exchange code at the same moment");
    }
}
