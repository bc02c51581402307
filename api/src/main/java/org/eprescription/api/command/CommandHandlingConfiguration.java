package org.eprescription.api.command;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How a command is handled beyond Axon's defaults: how it finds its aggregate, and what is written beside it. */
@Configuration(proxyBeanMethods = false)
public class CommandHandlingConfiguration {

    /** One resolver, and so one look-up per command class, for Axon's routing and for the side writes. */
    private final CommandTargetResolver targets = new CachedCommandTargetResolver();

    /** A command finds its aggregate through {@link CachedCommandTargetResolver}. */
    @Bean
    ConfigurerModule commandTargets() {
        return configurer -> configurer.registerComponent(CommandTargetResolver.class, configuration -> targets);
    }

    /** The writes a request makes beside its command, in the command's transaction ({@link SideWritesInterceptor}). */
    @Bean
    SideWritesInterceptor sideWritesInterceptor() {
        return new SideWritesInterceptor(targets);
    }
}
