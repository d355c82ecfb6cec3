package io.kurobe.data.guard;

/** Raised inside the guard when the SQL may not run; the message is the reason shown to people and the refiner. */
final class Rejection extends RuntimeException {
    Rejection(String reason) {
        super(reason, null, false, false);
    }
}
