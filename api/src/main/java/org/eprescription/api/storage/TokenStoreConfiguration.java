package org.eprescription.api.storage;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.lang.management.ManagementFactory;

/**
 * The token store through which the nodes on one database share the processors' segments, as Axon's
 * auto-configuration builds it, but with the owner name settable ({@code exchange.node-name}). A node owns a segment
 * while its name is in the token row; two nodes with the same name (Axon's default is {@code pid@host}, which two
 * containers can share, and two applications in one JVM always do) would both believe they own every segment and
 * process each event twice.
 */
@Configuration(proxyBeanMethods = false)
public class TokenStoreConfiguration {

    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, ObjectProvider<TokenSchema> tokenSchema,
                          TokenStoreProperties tokenStoreProperties,
                          @Value("${exchange.node-name:}") String nodeName) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(tokenSchema.getIfAvailable(() -> TokenSchema.builder().build()))
                .serializer(serializer)
                .claimTimeout(tokenStoreProperties.getClaimTimeout())
                .nodeId(nodeName.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : nodeName)
                .build();
    }
}
