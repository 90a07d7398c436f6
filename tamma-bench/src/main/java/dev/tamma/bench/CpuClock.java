package dev.tamma.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time used so far by this JVM and by an embedded PostgreSQL (its postmaster and backends),
 * in milliseconds. On a machine others share, CPU per task is steadier than tasks per second,
 * which moves with whatever else runs. PostgreSQL's share is read from Linux's /proc; elsewhere
 * it is reported as unknown (-1).
 */
final class CpuClock {

    /** Linux reports process times in clock ticks of 1/100 s to user space. */
    private static final double MILLIS_PER_TICK = 10.0;

    private final Path postgresData;

    CpuClock(Path postgresData) {
        this.postgresData = postgresData;
    }

    record Reading(double jvmMillis, double postgresMillis) {
        Reading minus(Reading earlier) {
            return new Reading(jvmMillis - earlier.jvmMillis,
                    postgresMillis < 0 || earlier.postgresMillis < 0 ? -1 : postgresMillis - earlier.postgresMillis);
        }
    }

    Reading now() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new Reading(os.getProcessCpuTime() / 1e6, postgresMillis());
    }

    /** The postmaster (first line of postmaster.pid) and its children: utime + stime. */
    private double postgresMillis() {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(postgresData.resolve("postmaster.pid")).getFirst().strip());
            long ticks = 0;
            try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
                for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    List<String> stat = stat(process);
                    if (stat.isEmpty()) {
                        continue; // gone meanwhile
                    }
                    long pid = Long.parseLong(process.getFileName().toString());
                    if (pid == postmaster || Long.parseLong(stat.get(1)) == postmaster) {
                        ticks += Long.parseLong(stat.get(11)) + Long.parseLong(stat.get(12));
                    }
                }
            }
            return ticks * MILLIS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The fields of /proc/PID/stat after the command name: state, ppid, ..., utime (12th), stime (13th). */
    private static List<String> stat(Path process) {
        try {
            String line = Files.readString(process.resolve("stat"));
            return List.of(line.substring(line.lastIndexOf(')') + 2).split(" "));
        } catch (IOException e) {
            return List.of();
        }
    }
}
