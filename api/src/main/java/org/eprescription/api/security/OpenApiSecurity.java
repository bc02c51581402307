package org.eprescription.api.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Tells API clients (and the Swagger page's "Authorize" button) that every operation takes a bearer JWT. */
@Configuration(proxyBeanMethods = false)
public class OpenApiSecurity {

    static final String SCHEME = "bearer-jwt";

    @Bean
    OpenAPI exchangeOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Prescription exchange").version("v1")
                        .description("Bearer tokens carry sub, roles (PRESCRIBER, PHARMACIST, PATIENT, AUDITOR) and "
                                + "institution_id, pharmacy_id or patient_id; see docs/operations.md, "
                                + "\"Identity provider and tokens\"."))
                .components(new Components().addSecuritySchemes(SCHEME, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(SCHEME));
    }
}
