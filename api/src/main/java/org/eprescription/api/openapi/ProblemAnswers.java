package org.eprescription.api.openapi;

import org.eprescription.core.refusal.Refusal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problems an operation answers besides those every operation of its shape answers, which
 * {@link ProblemAnswersCustomizer} adds itself (docs/http-api.md, "The OpenAPI description").
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ProblemAnswers {

    /** The rules' refusals its command can meet; each is answered with the status of its kind (docs/domain.md). */
    Refusal[] refusals() default {};

    /** Problems the api itself decides, each as status and type: {@code "429 too-many-attempts"}. */
    String[] problems() default {};
}
