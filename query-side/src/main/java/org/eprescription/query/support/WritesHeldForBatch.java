package org.eprescription.query.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The event handler (or every handler of the class) writes no row itself when it runs in an event processor's batch:
 * what it changes is held for the batch ({@link BatchScope}) and written just before the batch commits. It may read.
 * Such a handler needs no savepoint of its own for the dead-letter queue: when it fails, no write of it has failed
 * and aborted the batch's transaction, and nothing it held is written for an event that failed
 * (docs/architecture.md, "One write path, batched").
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface WritesHeldForBatch {
}
