package io.kurobe.bench;

import java.util.Arrays;

/** Recorded latencies in microseconds, with the percentiles the report prints. */
final class Latencies {
    private final long[] micros;
    private int count;

    Latencies(int capacity) {
        micros = new long[capacity];
    }

    synchronized void add(long nanos) {
        micros[count++] = nanos / 1_000;
    }

    synchronized int count() {
        return count;
    }

    synchronized double meanMillis() {
        if (count == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += micros[i];
        }
        return sum / count / 1000.0;
    }

    synchronized double percentileMillis(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(micros, count);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, index))] / 1000.0;
    }
}
