package dev.tamma.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * CPU time used so far by this JVM and by the embedded PostgreSQL (its postmaster and every child:
 * backends, WAL writer, checkpointer), so a benchmark can say what each request cost both sides.
 * PostgreSQL's figure is empty where the platform does not report other processes' CPU time.
 */
record CpuTime(long jvmNanos, long postgresNanos) {

    static CpuTime now(Path postgresDataDirectory) {
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return new CpuTime(jvm, postgres(postgresDataDirectory));
    }

    CpuTime minus(CpuTime earlier) {
        return new CpuTime(jvmNanos - earlier.jvmNanos, postgresNanos - earlier.postgresNanos);
    }

    CpuTime plus(CpuTime other) {
        return new CpuTime(jvmNanos + other.jvmNanos, postgresNanos + other.postgresNanos);
    }

    private static long postgres(Path dataDirectory) {
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).getFirst().strip());
            return ProcessHandle.of(pid).map(postmaster -> cpu(postmaster)
                    + postmaster.descendants().mapToLong(CpuTime::cpu).sum()).orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
}
