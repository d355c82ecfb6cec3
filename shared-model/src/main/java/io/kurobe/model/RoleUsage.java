package io.kurobe.model;

/** What one role's model calls cost: answered calls and their tokens. */
public record RoleUsage(int calls, long tokensIn, long tokensOut) {
    public RoleUsage plus(RoleUsage other) {
        return new RoleUsage(calls + other.calls, tokensIn + other.tokensIn, tokensOut + other.tokensOut);
    }
}
