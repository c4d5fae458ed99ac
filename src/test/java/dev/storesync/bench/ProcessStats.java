package dev.storesync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What Linux says about a process: CPU time used so far and resident memory. Elsewhere (no /proc) it says nothing
 * and the results show "n/a".
 */
record ProcessStats(long cpuTicks, long residentKb) {
    /** USER_HZ: the unit of utime and stime in /proc/PID/stat, 100 on every mainstream Linux. */
    static final int TICKS_PER_SECOND = 100;

    static Optional<ProcessStats> of(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name may contain spaces; the fields after it are space-separated
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            long rss = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return Optional.of(new ProcessStats(ticks, rss));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
