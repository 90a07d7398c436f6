package dev.tamma.core.workflow;

/**
 * Spreads retries of many workflows apart. It must be a pure function of its arguments so that
 * {@code decide} stays deterministic: the randomness comes from the caller's seed, never from a
 * random source read inside core.
 */
@FunctionalInterface
public interface Jitter {

    /** A fraction in {@code [0, 1)} for the retry after failure {@code failure} of {@code step}. */
    double fraction(String workflowId, Step step, int failure);

    /** No spread: every retry waits exactly half of its backoff window's length. */
    static Jitter none() {
        return (workflowId, step, failure) -> 0.0;
    }

    /** A well-mixed hash of the seed and the arguments: stable per retry, different across workflows. */
    static Jitter seeded(long seed) {
        return (workflowId, step, failure) -> {
            long h = seed;
            h = 31 * h + workflowId.hashCode();
            h = 31 * h + step.ordinal();
            h = 31 * h + failure;
            // SplitMix64 finaliser: neighbouring inputs land far apart.
            h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
            h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
            h = h ^ (h >>> 31);
            return (h >>> 11) * 0x1.0p-53;
        };
    }
}
