package org.eprescription.bench.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Jiffies from /proc: the whole machine's busy time, and user+system of a few processes. PostgreSQL's processes by
 * kind (their process titles say which database a backend serves): 0 = a backend (or autovacuum worker) of this
 * run's database, 1 = a backend of another database, 2 = the server's own (postmaster, checkpointer, WAL writer,
 * ...), which work for every database.
 */
record CpuSample(long machineBusy, long machineTotal, long app, long self, Map<Long, long[]> postgres) {

    /** Null when /proc cannot be read. */
    static CpuSample take(long appPid, String database) {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {   // user .. steal
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            Map<Long, long[]> postgres = new HashMap<>();
            try (var dirs = Files.list(Path.of("/proc"))) {
                for (Path dir : (Iterable<Path>) dirs::iterator) {
                    String name = dir.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    try {
                        String comm = Files.readString(dir.resolve("comm")).trim();
                        if (comm.startsWith("postgres")) {
                            String title = Files.readString(dir.resolve("cmdline")).replace('\0', ' ');
                            int kind = database != null && (" " + title + " ").contains(" " + database + " ") ? 0
                                    : title.contains("127.0.0.1(") || title.contains("[local]")
                                      || title.matches(".*\\(\\d+\\).*") ? 1 : 2;
                            postgres.put(Long.parseLong(name),
                                    new long[] {kind, processJiffies(Long.parseLong(name))});
                        }
                    } catch (IOException | RuntimeException gone) {
                        // the process ended meanwhile
                    }
                }
            }
            return new CpuSample(total - idle, total, appPid == 0 ? -1 : processJiffies(appPid),
                    processJiffies(ProcessHandle.current().pid()), postgres);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long processJiffies(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);   // utime, stime
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The share of all CPUs (of n x 100 %) used between two samples by the machine, the exchange, this, PostgreSQL. */
    static String line(CpuSample before, CpuSample after, long appPid, String database) {
        if (before == null || after == null) {
            return "not sampled";
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        double total = after.machineTotal() - before.machineTotal();   // jiffies of all CPUs together
        if (total <= 0) {
            return "not sampled";
        }
        double scale = 100.0 * cpus / total;
        double busy = (after.machineBusy() - before.machineBusy()) * scale;
        double self = (after.self() - before.self()) * scale;
        double app = appPid == 0 || before.app() < 0 || after.app() < 0 ? Double.NaN
                : (after.app() - before.app()) * scale;
        long[] pg = new long[3];
        for (Map.Entry<Long, long[]> e : after.postgres().entrySet()) {
            long[] earlier = before.postgres().get(e.getKey());
            if (earlier != null && earlier[1] >= 0 && e.getValue()[1] >= 0) {
                pg[(int) e.getValue()[0]] += e.getValue()[1] - earlier[1];
            }
        }
        double mine = pg[0] * scale;
        double shared = pg[2] * scale;
        double rest = busy - self - mine - shared - (Double.isNaN(app) ? 0 : app);
        return String.format(Locale.ROOT, "machine %.0f %% of %d00 %%: exchange %s, load client %.0f %%, "
                        + "PostgreSQL for this run %s, PostgreSQL background %.0f %%, "
                        + "everything else (other sessions) %.0f %%", busy, cpus,
                Double.isNaN(app) ? "not sampled" : String.format(Locale.ROOT, "%.0f %%", app), self,
                database == null ? "not told apart" : String.format(Locale.ROOT, "%.0f %%", mine), shared, rest);
    }
}
