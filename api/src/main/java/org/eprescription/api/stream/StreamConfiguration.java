package org.eprescription.api.stream;

import org.eprescription.api.config.ExchangeProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** The threads that write live views to their clients, apart from the projections' and the request threads. */
@Configuration(proxyBeanMethods = false)
class StreamConfiguration {

    static final String WRITERS = "liveStreamWriters";

    @Bean(name = WRITERS, destroyMethod = "dispose")
    Scheduler liveStreamWriters(ExchangeProperties properties) {
        return Schedulers.newBoundedElastic(properties.streams().writerThreads(), Integer.MAX_VALUE, "live-stream",
                60, true);
    }
}
