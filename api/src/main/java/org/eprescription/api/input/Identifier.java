package org.eprescription.api.input;

import jakarta.validation.Constraint;
import jakarta.validation.OverridesAttribute;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An identifier in a request body (a patient, prescriber, institution, pharmacy, pharmacist or alert): at most
 * {@link FieldLimits#ID} characters of printable ASCII, without spaces inside. An id that only looks like another
 * (a zero-width space, a no-break space, fullwidth letters typed with an input method) would otherwise name a patient
 * of its own, whose medication no check compares with the real patient's (docs/http-api.md, "Conventions").
 * Spaces around it are allowed and dropped, as before.
 */
@Documented
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Size(max = FieldLimits.ID)
@Pattern(regexp = "[ \\t]*[!-~]+[ \\t]*")
public @interface Identifier {

    @OverridesAttribute(constraint = Pattern.class, name = "message")
    String message() default "must be letters, digits and ASCII punctuation, without spaces or invisible characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
