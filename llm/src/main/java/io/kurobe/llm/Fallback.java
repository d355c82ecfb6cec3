package io.kurobe.llm;

/**
 * A role's model failed and the chain moved on: to the next model, or (when {@code to} is null)
 * to the caller's offline path.
 */
public record Fallback(String role, String from, Fault fault, String detail, String to) {

    /** "intent: model gpt-4o timed out, using claude" or "…, using the offline rules". */
    public String message(String offlinePath) {
        return role + ": model " + from + " " + fault.describes() + ", using "
                + (to == null ? offlinePath : to);
    }

    public boolean toOffline() {
        return to == null;
    }
}
