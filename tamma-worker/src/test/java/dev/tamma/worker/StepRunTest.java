package dev.tamma.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A heartbeat that finds its lease lost may interrupt the step's handler, and nothing after it. */
class StepRunTest {

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void aLeaseLostWhileTheHandlerRunsInterruptsTheRunnerOnceAndTheRunnerClearsIt() {
        StepRun run = new StepRun(Thread.currentThread());

        assertThat(run.leaseLost()).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(run.leaseLost()).as("a second refused heartbeat").isFalse();

        assertThat(run.handled()).isTrue();
        assertThat(Thread.currentThread().isInterrupted())
                .as("cleared, so the loop's next request is not interrupted").isFalse();
    }

    @Test
    void aLeaseLostAfterTheHandlerIsDoneInterruptsNothing() {
        StepRun run = new StepRun(Thread.currentThread());

        assertThat(run.handled()).isFalse();
        assertThat(run.leaseLost()).as("the runner is answering or on its next step by now").isFalse();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void anInterruptFromStoppingIsLeftToTheRunner() {
        StepRun run = new StepRun(Thread.currentThread());
        Thread.currentThread().interrupt(); // what stop() does past its grace period

        assertThat(run.handled()).isFalse();
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    @Test
    void oneHeartbeatAtATime() {
        StepRun run = new StepRun(Thread.currentThread());

        assertThat(run.startBeat()).isTrue();
        assertThat(run.startBeat()).as("while the first is on its way").isFalse();
        run.beatDone();
        assertThat(run.startBeat()).isTrue();
    }
}
