package org.eprescription.bench.table;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pgbench's durable appends per second, for each client count bench/run-pgbench-ceiling.sh ran, in the order it
 * printed them ({@code appends/s   8 clients     9934.1  (...)}).
 */
public record AppendCeiling(List<Run> runs) {

    private static final Pattern RUN = Pattern.compile("(?m)^appends/s\\s+(\\d+) clients?\\s+([0-9.]+)");

    public record Run(int clients, double appendsPerSecond) {
    }

    public AppendCeiling {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no appends/s line");
        }
        runs = List.copyOf(runs);
    }

    public static AppendCeiling parse(String result) {
        List<Run> runs = new ArrayList<>();
        Matcher matcher = RUN.matcher(result);
        while (matcher.find()) {
            runs.add(new Run(Integer.parseInt(matcher.group(1)), Double.parseDouble(matcher.group(2))));
        }
        return new AppendCeiling(runs);
    }
}
