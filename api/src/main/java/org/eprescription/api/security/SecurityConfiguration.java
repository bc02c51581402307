package org.eprescription.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import org.eprescription.api.problem.ProblemEncoding;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.header.HeaderWriterFilter;

import java.util.List;
import java.util.stream.Collectors;

import static org.eprescription.api.security.Role.AUDITOR;
import static org.eprescription.api.security.Role.SERVICE_DESK;
import static org.eprescription.api.security.Role.PATIENT;
import static org.eprescription.api.security.Role.PHARMACIST;
import static org.eprescription.api.security.Role.PRESCRIBER;

/**
 * Every {@code /api/v1} request needs a bearer token (JWT) from the configured identity provider, and a role that
 * may call that endpoint; which prescription, patient, institution or pharmacy the caller may touch is checked
 * where the request is handled ({@link ResourceAccess}). Pages, API docs and health are open. The FHIR interface
 * ({@code /fhir}) takes the same tokens.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final String API = "/api/v1";
    private static final String FHIR = "/fhir";
    private static final String CDS = "/cds-services";

    /**
     * No observation around each filter of the chain, authentication and authorization: together they cost more CPU
     * than a duplicate check itself (docs/benchmarks.md). {@code http.server.requests} still times every request.
     */
    @Bean
    static SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * The paths below are matched as path patterns, once, without asking Spring MVC which handler a request would
     * reach (the deprecated MVC matchers did that for every rule and request).
     */
    @Bean
    static PathPatternRequestMatcher.Builder pathPatternRequestMatchers() {
        return PathPatternRequestMatcher.withDefaults();
    }

    @Bean
    SecurityFilterChain exchangeSecurity(HttpSecurity http, ObjectMapper json,
                                         ObjectProvider<JwtDecoder> decoder,
                                         ObjectProvider<ProblemEncoding> encodings,
                                         OAuth2ResourceServerProperties resourceServer) throws Exception {
        if (decoder.getIfAvailable() == null) {
            throw new IllegalStateException("No identity provider configured: set "
                    + "spring.security.oauth2.resourceserver.jwt.issuer-uri (or jwk-set-uri, or public-key-location), "
                    + "or, to try the exchange locally, exchange.security.local-tokens.enabled=true (README)");
        }
        List<String> unsound = IdentityProviderChecks.problems(resourceServer.getJwt());
        if (!unsound.isEmpty()) {
            throw new IllegalStateException("The identity provider's configuration is refused: "
                    + String.join("; ", unsound) + " (docs/operations.md, \"Identity provider and tokens\")");
        }
        SecurityProblems problems = new SecurityProblems(json, encodings.orderedStream().toList());
        http.csrf(AbstractHttpConfigurer::disable)
                // bearer tokens only: no session to log out of
                .logout(AbstractHttpConfigurer::disable)
                // security headers are written before the handler runs: a live stream's writer thread commits the
                // response while the request thread leaves the filters, and writing them "on commit" from both
                // threads corrupts Tomcat's header list (seen as a stream that never answers)
                .headers(headers -> headers.withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                    @Override
                    public <O extends HeaderWriterFilter> O postProcess(O filter) {
                        filter.setShouldWriteHeadersEagerly(true);
                        return filter;
                    }
                }))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .oauth2ResourceServer(server -> server
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesFromClaim())))
                .authorizeHttpRequests(requests -> requests
                        // a live stream's later dispatches and error pages belong to a request already checked
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(API + "/local-tokens").permitAll()
                        .requestMatchers(HttpMethod.POST, API + "/prescriptions").hasRole(PRESCRIBER.name())
                        .requestMatchers(HttpMethod.POST, API + "/prescriptions/*/cancel").hasRole(PRESCRIBER.name())
                        .requestMatchers(HttpMethod.POST, API + "/prescriptions/accept",
                                API + "/prescriptions/*/release", API + "/prescriptions/*/dispense",
                                API + "/prescriptions/*/dispensings/*/correct", API + "/prescriptions/*/queries")
                        .hasRole(PHARMACIST.name())
                        .requestMatchers(HttpMethod.POST, API + "/prescriptions/*/queries/*/answer")
                        .hasRole(PRESCRIBER.name())
                        .requestMatchers(HttpMethod.POST, API + "/prescriptions/*/alerts/*/acknowledge",
                                API + "/duplicate-checks", API + "/dispensing-records",
                                API + "/dispensing-records/*/correct")
                        .hasAnyRole(PRESCRIBER.name(), PHARMACIST.name())
                        .requestMatchers(HttpMethod.GET, API + "/prescriptions/*", API + "/prescriptions/*/stream",
                                API + "/prescriptions/*/queries/*", API + "/dispensing-records/*",
                                API + "/patients/*/medications", API + "/patients/*/alerts")
                        .hasAnyRole(PRESCRIBER.name(), PHARMACIST.name(), PATIENT.name(), AUDITOR.name())
                        .requestMatchers(HttpMethod.PUT, API + "/patients/*/consent").hasRole(PATIENT.name())
                        .requestMatchers(HttpMethod.GET, API + "/patients/*/access-log", API + "/patients/*/prescriptions",
                                API + "/patients/*/prescriptions/*/qr-code")
                        .hasAnyRole(PATIENT.name(), AUDITOR.name())
                        .requestMatchers(HttpMethod.GET, API + "/institutions/*/prescriptions",
                                API + "/institutions/*/prescriptions/stream")
                        .hasAnyRole(PRESCRIBER.name(), AUDITOR.name())
                        .requestMatchers(HttpMethod.GET, API + "/pharmacies/*/dispensing-view",
                                API + "/pharmacies/*/dispensing-view/stream")
                        .hasAnyRole(PHARMACIST.name(), AUDITOR.name())
                        .requestMatchers(HttpMethod.GET, API + "/admin/stuck-prescriptions")
                        .hasAnyRole(AUDITOR.name(), SERVICE_DESK.name())
                        .requestMatchers(API + "/audit/**", API + "/admin/**").hasRole(AUDITOR.name())
                        // any other path or method under the API answers 404 or 405 to a caller with a token; every
                        // mapped endpoint has a rule above (AuthorizationMatrixIT fails for one that has none)
                        .requestMatchers(API + "/**").authenticated()
                        // the FHIR interface: what it serves is open, everything else needs a token; which role may
                        // do what is checked where the request is handled (ActingParties), so that a refusal is
                        // answered as a FHIR OperationOutcome like every other
                        .requestMatchers(HttpMethod.GET, FHIR + "/metadata", FHIR + "/OperationDefinition/*")
                        .permitAll()
                        // a Task's history is the audit endpoints' state as of each event: theirs to read alone,
                        // by any method (HEAD answers what GET would, but its size)
                        .requestMatchers(FHIR + "/Task/*/_history", FHIR + "/Task/*/_history/*")
                        .hasRole(AUDITOR.name())
                        .requestMatchers(FHIR + "/**").authenticated()
                        // CDS Hooks (docs/fhir.md, "CDS Hooks"): discovery is open, a call is a duplicate check
                        .requestMatchers(HttpMethod.GET, CDS).permitAll()
                        .requestMatchers(HttpMethod.POST, CDS + "/*").hasAnyRole(PRESCRIBER.name(), PHARMACIST.name())
                        .requestMatchers(CDS + "/**").authenticated()
                        .anyRequest().permitAll());
        return http.build();
    }

    /** Authorities {@code ROLE_X} for each exchange role in the token's {@code roles} claim. */
    private static JwtAuthenticationConverter rolesFromClaim() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(token -> ExchangeUser.rolesOf(token).stream()
                .map(role -> new SimpleGrantedAuthority(role.authority()))
                .collect(Collectors.toList()));
        return converter;
    }
}
