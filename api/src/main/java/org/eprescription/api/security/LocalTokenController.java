package org.eprescription.api.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import lombok.RequiredArgsConstructor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/local-tokens}: a token for one role, only where local tokens are enabled. A role that acts for
 * someone must name it: a prescriber its institution, a pharmacist its pharmacy, a patient itself.
 */
@Tag(name = "local-tokens")
@RestController
@ConditionalOnProperty(name = "exchange.security.local-tokens.enabled", havingValue = "true")
@RequestMapping("/api/v1/local-tokens")
@RequiredArgsConstructor
public class LocalTokenController {

    private final LocalTokens tokens;

    public record TokenRequest(@NotNull Role role, @NotBlank @Size(max = 64) String subject,
                               @Size(max = 64) String institutionId, @Size(max = 64) String pharmacyId,
                               @Size(max = 64) String patientId) {
    }

    public record Token(String accessToken, String tokenType, long expiresIn) {
    }

    @Operation(operationId = "issueLocalToken", summary = "Get a token for trying the exchange",
            description = "Anyone, only where local tokens are switched on: a token for one role. A prescriber names "
                    + "its institution, a pharmacist its pharmacy, a patient itself.")
    @SecurityRequirements
    @PostMapping
    public Token issue(@Valid @RequestBody TokenRequest request) {
        boolean bound = switch (request.role()) {
            case PRESCRIBER -> present(request.institutionId());
            case PHARMACIST -> present(request.pharmacyId());
            case PATIENT -> present(request.patientId());
            case AUDITOR, SERVICE_DESK -> true;
        };
        if (!bound) {
            throw new IllegalArgumentException("a " + request.role() + " token must name the "
                    + switch (request.role()) {
                        case PRESCRIBER -> "institutionId";
                        case PHARMACIST -> "pharmacyId";
                        default -> "patientId";
                    });
        }
        return tokens.issue(request);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
