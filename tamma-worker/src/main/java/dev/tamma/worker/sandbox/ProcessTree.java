package dev.tamma.worker.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A started command and everything it started. Killing it kills every descendant, not just
 * {@code sh}: the descendants seen while it runs and, on Linux, every process still in its process
 * group, which catches the ones whose parent already exited and that are no longer anyone's
 * descendant. (Under bubblewrap the PID namespace does the same: its processes die with it.)
 */
final class ProcessTree {

    private static final Duration GONE_WITHIN = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(10);

    private final Process root;
    private final boolean ownGroup;

    /** @param ownGroup whether the root leads its own process group (it was started through setsid) */
    ProcessTree(Process root, boolean ownGroup) {
        this.root = root;
        this.ownGroup = ownGroup;
    }

    /** Kills the whole tree with SIGKILL and waits (up to five seconds, even when interrupted) until it is gone. */
    void kill() {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root.toHandle());
        all.addAll(root.descendants().toList());
        all.addAll(groupMembers());
        all.forEach(ProcessHandle::destroyForcibly);
        // a process forked between the snapshot and the kill is in the group too
        groupMembers().forEach(ProcessHandle::destroyForcibly);
        awaitGone(all);
    }

    /** After the root exited by itself: kills what it left running in the background. */
    void killLeftovers() {
        List<ProcessHandle> left = groupMembers();
        left.forEach(ProcessHandle::destroyForcibly);
        awaitGone(left);
    }

    private List<ProcessHandle> groupMembers() {
        if (!ownGroup || !Files.isDirectory(Path.of("/proc/self"))) {
            return List.of();
        }
        long group = root.pid();
        return ProcessHandle.allProcesses().filter(p -> processGroupOf(p.pid()) == group).toList();
    }

    /**
     * Whether the process still runs. A killed process whose parent died too is a zombie until the
     * system's init reaps it, which in a container may take a second or more; it runs nothing, but
     * {@link ProcessHandle#isAlive()} still says true.
     */
    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        String[] stat = statOf(process.pid());
        return stat == null || !stat[0].equals("Z");
    }

    /** The process group id from /proc/PID/stat. */
    private static long processGroupOf(long pid) {
        String[] stat = statOf(pid);
        return stat == null ? -1 : Long.parseLong(stat[2]);
    }

    /** The fields of /proc/PID/stat after the name (which may hold spaces): state, ppid, pgrp, ...; null when unknown. */
    private static String[] statOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    /**
     * Polls rather than waiting on {@link ProcessHandle#onExit()}: for a process that is not the JVM's
     * own child the JDK itself polls, with pauses of up to seconds.
     */
    private static void awaitGone(List<ProcessHandle> processes) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + GONE_WITHIN.toNanos();
        while (processes.stream().anyMatch(ProcessTree::isRunning) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(POLL.toNanos());
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
