package dev.tamma.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Warming up until the JIT has compiled what a benchmark runs: on two cores the optimising compiler
 * of a Spring service keeps a core busy for tens of thousands of requests, and a figure taken while
 * it does measures the compiler. Rounds run until one spends under 2% of its time compiling.
 */
final class JitWarmUp {

    /** One round of the work to warm up. */
    interface Round {
        void run() throws Exception;
    }

    private static final double SETTLED = 0.02;

    private JitWarmUp() {
    }

    /** Runs {@code round} until the JIT settles or {@code maxRounds} ran; prints what it took. */
    static void until(String what, int maxRounds, Round round) throws Exception {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        int rounds = 0;
        double compiling;
        do {
            long compiledBefore = compiler.getTotalCompilationTime();
            long started = System.nanoTime();
            round.run();
            compiling = (compiler.getTotalCompilationTime() - compiledBefore) / ((System.nanoTime() - started) / 1e6);
            rounds++;
        } while (compiling > SETTLED && rounds < maxRounds);
        System.out.printf(Locale.ROOT, "warm-up of %s: %d rounds; the last spent %.1f%% of its time compiling%n", what,
                rounds, compiling * 100);
    }
}
