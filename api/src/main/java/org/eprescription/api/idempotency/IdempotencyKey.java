package org.eprescription.api.idempotency;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A POST handler's {@code String} parameter that takes the request's {@link IdempotencyKeyHeader} (null without one),
 * as {@code @RequestHeader(value = "Idempotency-Key", required = false)} would. The OpenAPI description does not list
 * it as the method's own: it gives every POST the one shared header parameter.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface IdempotencyKey {
}
