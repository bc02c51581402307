package org.eprescription.api.audit;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.async.AsyncWebRequest;
import org.springframework.web.context.request.async.CallableProcessingInterceptor;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.concurrent.Callable;

/**
 * An export of the whole store streams for as long as the store is big; the servlet container's default
 * asynchronous timeout (30 s in Tomcat) would cut it off. Requests marked with {@link #markUnbounded} stream
 * without a timeout; every other asynchronous request keeps the default.
 */
@Configuration(proxyBeanMethods = false)
public class UnboundedExportTimeout implements WebMvcConfigurer {

    private static final String UNBOUNDED = UnboundedExportTimeout.class.getName() + ".unbounded";
    private static final long NO_TIMEOUT = -1L;

    static void markUnbounded(HttpServletRequest request) {
        request.setAttribute(UNBOUNDED, Boolean.TRUE);
    }

    @Override
    public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
        configurer.registerCallableInterceptors(new CallableProcessingInterceptor() {
            @Override
            public <T> void beforeConcurrentHandling(NativeWebRequest request, Callable<T> task) {
                if (request instanceof AsyncWebRequest async
                        && Boolean.TRUE.equals(request.getAttribute(UNBOUNDED, RequestAttributes.SCOPE_REQUEST))) {
                    async.setTimeout(NO_TIMEOUT);
                }
            }
        });
    }
}
