package org.eprescription.bench.rebuild;

import org.eprescription.bench.common.ApiClient;
import org.eprescription.bench.common.Args;
import org.eprescription.bench.common.Benchmark;
import org.eprescription.bench.common.Tokens;
import org.eprescription.bench.common.UsageException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The HTTP side of bench/run-rebuild.sh. Four commands:
 *
 * <ul>
 *   <li>{@code templates --url U --out FILE}: a handful of real prescription lifecycles through the API
 *   ({@link Templates}), one tab-separated line per template written to FILE for the SQL loader to clone;</li>
 *   <li>{@code read --url U}: streams {@code GET /audit/events} (NDJSON) and counts the lines: the store's read speed
 *   through the application, for comparison with a rebuild;</li>
 *   <li>{@code replay --url U --projections a,b --probe-id ID}: each projection's replay in turn (or, with
 *   {@code --together yes}, every projection in one replay, {@code POST /admin/projections/replay}) while a probe
 *   reads a prescription ({@link Replays});</li>
 *   <li>{@code verify --url U --projections a,b}: each projection's verify, expected: 0 differences.</li>
 * </ul>
 * Every request carries a local token of the exchange.
 */
public final class RebuildBench implements Benchmark {

    static final String PROJECTIONS = "prescription-view,medication-alerts";

    @Override
    public String usage() {
        return """
                usage: java -jar bench.jar rebuild templates --url http://127.0.0.1:PORT/api/v1 --out FILE
                       java -jar bench.jar rebuild read --url URL
                       java -jar bench.jar rebuild replay --url URL --projections a,b --probe-id UUID \
                [--probe-ms 100] [--verify yes|no] [--together yes|no]
                       java -jar bench.jar rebuild verify --url URL --projections a,b""";
    }

    @Override
    public void run(String[] arguments) throws Exception {
        if (arguments.length == 0) {
            throw new UsageException("a command: templates, read, replay or verify");
        }
        String command = arguments[0];
        Args args = Args.parse(Arrays.copyOfRange(arguments, 1, arguments.length));
        String url = args.text("--url", null);
        if (url == null) {
            throw new UsageException("--url is required");
        }
        ApiClient api = new ApiClient(ApiClient.baseUrl(url), Duration.ofSeconds(60));
        Tokens tokens = new Tokens(api);
        switch (command) {
            case "templates" -> {
                Path out = Path.of(args.text("--out", "templates.tsv"));
                args.finish();
                new Templates(api, tokens).write(out);
            }
            case "read" -> {
                args.finish();
                new Replays(api, tokens).read();
            }
            case "replay" -> {
                List<String> projections = projections(args);
                String probeId = args.text("--probe-id", null);
                int probeMillis = args.whole("--probe-ms", 100, 1);
                boolean verify = args.yes("--verify", true);
                boolean together = args.yes("--together", false);
                args.finish();
                if (probeId == null) {
                    throw new UsageException("--probe-id is required");
                }
                new Replays(api, tokens).replays(projections, probeId, probeMillis, verify, together);
            }
            case "verify" -> {
                List<String> projections = projections(args);
                args.finish();
                Replays replays = new Replays(api, tokens);
                for (String name : projections) {
                    replays.verify(name);
                }
            }
            default -> throw new UsageException("unknown command " + command);
        }
    }

    private static List<String> projections(Args args) {
        return Arrays.stream(args.text("--projections", PROJECTIONS).split(",")).map(String::trim).toList();
    }
}
