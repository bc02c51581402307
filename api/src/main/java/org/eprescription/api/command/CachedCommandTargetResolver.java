package org.eprescription.api.command;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.ReflectionUtils;
import org.axonframework.common.annotation.AnnotationUtils;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Finds a command's target aggregate as Axon's {@link AnnotationCommandTargetResolver} does, from the member marked
 * {@link TargetAggregateIdentifier} (and {@link TargetAggregateVersion}), but looks those members up once per command
 * class: Axon's walks every method and field of the class and their annotations for every command it routes
 * (docs/benchmarks.md, "Session 14").
 */
final class CachedCommandTargetResolver implements CommandTargetResolver {

    private final ClassValue<Target> targets = new ClassValue<>() {
        @Override
        protected Target computeValue(Class<?> commandType) {
            return new Target(Member.annotatedWith(commandType, TargetAggregateIdentifier.class),
                    Member.annotatedWith(commandType, TargetAggregateVersion.class));
        }
    };

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        Object payload = command.getPayload();
        Target target = targets.get(payload.getClass());
        Object identifier = target.identifier().valueIn(payload);
        if (identifier == null) {
            throw new IllegalArgumentException(String.format("Invalid command. It does not identify the target "
                    + "aggregate. Make sure at least one of the fields or methods in the [%s] class contains the "
                    + "@TargetAggregateIdentifier annotation and that it returns a non-null value.",
                    command.getPayloadType().getSimpleName()));
        }
        return new VersionedAggregateIdentifier(identifier, asLong(target.version().valueIn(payload)));
    }

    private static Long asLong(Object version) {
        if (version == null || version instanceof Long) {
            return (Long) version;
        }
        if (version instanceof Number number) {
            return number.longValue();
        }
        try {
            return Long.parseLong(version.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The value provided for the version is not a number.", e);
        }
    }

    private record Target(Member identifier, Member version) {
    }

    /** The method or else the field of a command class that carries an annotation, as Axon's resolver picks it. */
    private record Member(Method method, Field field) {

        private static final Member NONE = new Member(null, null);

        static Member annotatedWith(Class<?> type, Class<? extends Annotation> annotation) {
            for (Method method : ReflectionUtils.methodsOf(type)) {
                if (AnnotationUtils.isAnnotationPresent(method, annotation)) {
                    return new Member(ReflectionUtils.ensureAccessible(method), null);
                }
            }
            for (Field field : ReflectionUtils.fieldsOf(type)) {
                if (AnnotationUtils.isAnnotationPresent(field, annotation)) {
                    return new Member(null, ReflectionUtils.ensureAccessible(field));
                }
            }
            return NONE;
        }

        Object valueIn(Object command) {
            try {
                if (method != null) {
                    return method.invoke(command);
                }
                return field == null ? null : field.get(command);
            } catch (InvocationTargetException | IllegalAccessException e) {
                throw new IllegalArgumentException("An exception occurred while extracting aggregate information "
                        + "from a command", e);
            }
        }
    }
}
