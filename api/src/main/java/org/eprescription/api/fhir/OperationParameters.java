package org.eprescription.api.fhir;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Parameters an operation takes, read strictly: a parameter the operation does not define, one given twice
 * where it takes one, or a value of another type is 400, as an unknown element is.
 */
final class OperationParameters {

    /** Why: the free text $reject and $abort take. */
    static final String REASON = "reason";

    private final String operation;
    private final Parameters parameters;

    private OperationParameters(String operation, Parameters parameters) {
        this.operation = operation;
        this.parameters = parameters;
    }

    /** The body of {@code operation} (none: no parameters), strictly a Parameters resource. */
    static OperationParameters read(FhirResources resources, byte[] body, String contentType, String operation,
                                    Set<String> defined) {
        Parameters parameters = body == null || body.length == 0 ? new Parameters()
                : resources.read(body, contentType, Parameters.class);
        return of(operation, parameters, defined);
    }

    /** {@code parameters} of {@code operation}, which defines only the parameters {@code defined}. */
    static OperationParameters of(String operation, Parameters parameters, Set<String> defined) {
        Set<String> unknown = new TreeSet<>();
        for (ParametersParameterComponent parameter : parameters.getParameter()) {
            if (!defined.contains(parameter.getName())) {
                unknown.add(String.valueOf(parameter.getName()));
            }
        }
        if (!unknown.isEmpty()) {
            throw FhirRequestException.malformed(operation + " takes no parameter " + String.join(", ", unknown)
                    + " (it takes " + String.join(", ", new TreeSet<>(defined)) + ")");
        }
        FhirInputs.requireNothingReadPast(operation, parameters);
        return new OperationParameters(operation, parameters);
    }

    Optional<String> string(String name) {
        return single(name).map(value -> value(name, value, StringType.class).getValue());
    }

    /** A date given as a day (YYYY-MM-DD). */
    Optional<LocalDate> day(String name) {
        return single(name).map(value -> {
            DateType date = value(name, value, DateType.class);
            if (date.getPrecision() != TemporalPrecisionEnum.DAY) {
                throw FhirRequestException.malformed(operation + ": " + name + " must be a day (YYYY-MM-DD)");
            }
            return LocalDate.parse(date.getValueAsString());
        });
    }

    /** A string the operation requires: missing, it is 400. */
    String requiredString(String name) {
        return string(name).orElseThrow(() -> missing(name));
    }

    /** A day the operation requires: missing, it is 400. */
    LocalDate requiredDay(String name) {
        return day(name).orElseThrow(() -> missing(name));
    }

    Optional<Boolean> bool(String name) {
        return single(name).map(value -> value(name, value, BooleanType.class).getValue());
    }

    /** Every {@code name} parameter, each a resource of {@code type}. */
    <T extends Resource> List<T> resources(String name, Class<T> type) {
        return parameters.getParameter().stream().filter(parameter -> name.equals(parameter.getName()))
                .map(parameter -> {
                    if (!type.isInstance(parameter.getResource())) {
                        throw FhirRequestException.malformed(operation + ": " + name + " must be a "
                                + type.getSimpleName() + " resource");
                    }
                    return type.cast(parameter.getResource());
                })
                .toList();
    }

    String operation() {
        return operation;
    }

    private FhirRequestException missing(String name) {
        return FhirRequestException.malformed(operation + " requires the parameter " + name);
    }

    private Optional<Type> single(String name) {
        List<ParametersParameterComponent> given = parameters.getParameter().stream()
                .filter(parameter -> name.equals(parameter.getName())).toList();
        if (given.size() > 1) {
            throw FhirRequestException.malformed(operation + ": " + name + " is given " + given.size()
                    + " times; it takes one");
        }
        if (given.isEmpty()) {
            return Optional.empty();
        }
        if (!given.get(0).hasValue()) {
            throw FhirRequestException.malformed(operation + ": " + name + " needs a value");
        }
        return Optional.of(given.get(0).getValue());
    }

    private <T extends Type> T value(String name, Type value, Class<T> type) {
        if (!type.isInstance(value) || value.isEmpty()) {
            throw FhirRequestException.malformed(operation + ": " + name + " must be a value"
                    + type.getSimpleName().replace("Type", ""));
        }
        return type.cast(value);
    }
}
