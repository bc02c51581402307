package org.eprescription.query.support;

import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How a replay lets go of what it holds in access order (a {@link java.util.LinkedHashMap} made with
 * {@code accessOrder} true): once past its capacity, the least recently used entries leave until 90 % of the capacity
 * is held, so that not every batch writes a few rows.
 */
public final class LeastRecentlyUsed {

    private LeastRecentlyUsed() {
    }

    /** Past {@code capacity}, removes the least recently used values, each handed to {@code leaving} first. */
    public static <V> void shrink(Map<?, V> held, int capacity, Consumer<V> leaving) {
        if (held.size() <= capacity) {
            return;
        }
        int keep = capacity - capacity / 10;
        Iterator<V> eldestFirst = held.values().iterator();
        while (held.size() > keep && eldestFirst.hasNext()) {
            leaving.accept(eldestFirst.next());
            eldestFirst.remove();
        }
    }
}
