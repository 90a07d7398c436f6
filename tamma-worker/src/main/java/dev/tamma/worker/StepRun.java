package dev.tamma.worker;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One step being run, as its heartbeats see it. A heartbeat that finds the lease lost interrupts
 * the step only while its handler runs: once the runner has moved on (to answering, or to its
 * next step), an interrupt would hit other work, so none is sent.
 */
final class StepRun {

    private final Thread runner;
    private final AtomicBoolean beating = new AtomicBoolean();
    private boolean handling = true; // guarded by this
    private boolean lost; // guarded by this

    StepRun(Thread runner) {
        this.runner = runner;
    }

    /** The lease is gone: interrupts the handler if it still runs; true when it did. */
    synchronized boolean leaseLost() {
        if (!handling) {
            return false;
        }
        handling = false;
        lost = true;
        runner.interrupt();
        return true;
    }

    /**
     * Ends the handler's part; called by the runner. True when the lease was lost meanwhile: the
     * interrupt that said so is cleared here, after which no other can come from this run.
     */
    synchronized boolean handled() {
        handling = false;
        if (lost) {
            Thread.interrupted();
        }
        return lost;
    }

    /** Takes the turn to send a heartbeat; false while the previous one is still on its way. */
    boolean startBeat() {
        return beating.compareAndSet(false, true);
    }

    void beatDone() {
        beating.set(false);
    }
}
