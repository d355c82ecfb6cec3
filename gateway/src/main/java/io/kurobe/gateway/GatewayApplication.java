package io.kurobe.gateway;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The REST API's description for /q/openapi: every /api call needs an API key. */
@OpenAPIDefinition(
        info = @Info(title = "Kurobe gateway", version = "0.1.0",
                description = "Ask plain-language questions of your databases; follow them live over "
                        + "/ws/questions/{id}. Errors are RFC 7807 problem JSON with a stable 'code'."),
        security = @SecurityRequirement(name = "apiKey"))
@SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "kb_...")
public class GatewayApplication extends Application {
}
