package io.kurobe.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Language-model calls made for a question: answered calls and tokens in and out, in total and by role
 * ({@code intent}, {@code refiner}, ...). A stage reports its share on the progress event that ends its step;
 * an answer of the offline engine reports none.
 */
public record ModelUsage(int calls, long tokensIn, long tokensOut, Map<String, RoleUsage> byRole) {
    public static final ModelUsage NONE = new ModelUsage(0, 0, 0, Map.of());

    public ModelUsage {
        byRole = byRole == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(byRole));
    }

    /** One answered call of a role's model. */
    public static ModelUsage call(String role, long tokensIn, long tokensOut) {
        return new ModelUsage(1, tokensIn, tokensOut, Map.of(role, new RoleUsage(1, tokensIn, tokensOut)));
    }

    public ModelUsage plus(ModelUsage other) {
        if (other == null) {
            return this;
        }
        Map<String, RoleUsage> roles = new TreeMap<>(byRole);
        other.byRole.forEach((role, usage) -> roles.merge(role, usage, RoleUsage::plus));
        return new ModelUsage(calls + other.calls, tokensIn + other.tokensIn, tokensOut + other.tokensOut, roles);
    }
}
