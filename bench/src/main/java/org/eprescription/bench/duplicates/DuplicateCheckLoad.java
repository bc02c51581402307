package org.eprescription.bench.duplicates;

import org.eprescription.bench.common.ApiClient;
import org.eprescription.bench.common.Args;
import org.eprescription.bench.common.Benchmark;
import org.eprescription.bench.common.ClosedLoop;
import org.eprescription.bench.common.RunOptions;
import org.eprescription.bench.common.Tokens;
import org.eprescription.bench.common.UsageException;
import org.eprescription.bench.common.Window;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Duplicate-check load benchmark: N client threads each loop {@code POST /duplicate-checks} with a draft of
 * {@code --lines} lines (drug codes drawn from the catalogue CSV, days of supply from a short list) for a random
 * patient {@code PAT-1 .. PAT-<patients>} of a database loaded beforehand (bench/run-duplicate-checks.sh), for a
 * fixed duration after a warmup whose samples are thrown away.
 *
 * <p>Client i acts as prescriber {@code DOC-<i>-1} of institution {@code HOSP-<i>} (three digits, as the loaded
 * courses' institutions; a duplicate check names no prescriber in its body), whose PRESCRIBER token is fetched once
 * before the warmup, unmeasured.
 *
 * <p>Measured: the wall time from sending a request to having read the whole answer, for requests that started
 * inside the measured window; requests/s counts 2xx answers that arrived inside it. Each answer's {@code alerts}
 * array is counted (empty or not, and how many alerts). Any non-2xx answer or transport failure is an error,
 * counted by status, with the first bodies printed. Nothing is asserted.
 */
public final class DuplicateCheckLoad implements Benchmark {

    record Options(String url, int clients, int durationSeconds, int warmupSeconds, int requestTimeoutSeconds,
                   int patients, int lines, Path catalogue, String label) implements RunOptions {

        static Options of(Args args) {
            String url = ApiClient.baseUrl(args.text("--url", ApiClient.DEFAULT_URL));
            int clients = args.whole("--clients", 8, 1);
            int patients = args.whole("--patients", 1_000_000, 1);
            Options options = new Options(url, clients,
                    args.whole("--duration-seconds", 60, 1),
                    args.whole("--warmup-seconds", 15, 0),
                    args.whole("--request-timeout-seconds", 30, 1),
                    patients,
                    args.whole("--lines", 5, 1),
                    Path.of(args.text("--catalogue",
                            "prescription-core/src/main/resources/catalogue/drug-catalogue-sample.csv")),
                    args.text("--label", clients + " clients, " + patients + " patients"));
            args.finish();
            return options;
        }

        Duration requestTimeout() {
            return Duration.ofSeconds(requestTimeoutSeconds);
        }
    }

    @Override
    public String usage() {
        return """
                usage: java -jar bench.jar duplicate-checks [--url http://127.0.0.1:PORT/api/v1] [--clients 8]
                       [--duration-seconds 60] [--warmup-seconds 15] [--request-timeout-seconds 30]
                       [--patients 1000000] [--lines 5] [--catalogue path/to/drug-catalogue.csv] [--label text]""";
    }

    @Override
    public void run(String[] arguments) throws Exception {
        Options options = Options.of(Args.parse(arguments));
        String[] drugCodes = drugCodes(options.catalogue());
        // the JDK keeps 5 idle connections per server unless told otherwise: one kept-alive connection per client
        System.setProperty("http.maxConnections", Integer.toString(Math.max(5, options.clients())));
        System.out.printf(Locale.ROOT,
                "Duplicate-check load: %s/duplicate-checks, %d clients, %d-line drafts over %d drug codes, "
                        + "patients PAT-1..PAT-%d, %d s warmup + %d s measured%n",
                options.url(), options.clients(), options.lines(), drugCodes.length, options.patients(),
                options.warmupSeconds(), options.durationSeconds());

        Tokens tokens = new Tokens(new ApiClient(options.url(), options.requestTimeout()));
        String[] authorizations = new String[options.clients()];
        long fetchBegin = System.nanoTime();
        for (int i = 0; i < options.clients(); i++) {
            authorizations[i] = tokens.prescriber(prescriberId(i), institutionId(i));
        }
        System.out.printf(Locale.ROOT, "fetched %d local PRESCRIBER tokens (one per client: %s of %s ...) in %.1f s, "
                        + "not measured%n", tokens.size(), prescriberId(0), institutionId(0),
                (System.nanoTime() - fetchBegin) / 1e9);

        Window window = Window.fromNow(options.warmupSeconds(), options.durationSeconds());
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < options.clients(); i++) {
            clients.add(new Client(options, authorizations[i], drugCodes, window));
        }
        ClosedLoop.run(clients, window, options.requestTimeout());
        DuplicateCheckReport.print(options, clients);
    }

    /** The prescriber client {@code i} (from 0) acts as, and its institution. */
    static String prescriberId(int i) {
        return String.format(Locale.ROOT, "DOC-%03d-1", i + 1);
    }

    static String institutionId(int i) {
        return String.format(Locale.ROOT, "HOSP-%03d", i + 1);
    }

    /** The drug_code column of a catalogue CSV in the sample's layout (header first). */
    static String[] drugCodes(Path csv) throws IOException {
        List<String> rows = Files.readAllLines(csv);
        List<String> codes = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            String row = rows.get(i).trim();
            if (!row.isEmpty()) {
                codes.add(row.substring(0, row.indexOf(',')));
            }
        }
        if (codes.isEmpty()) {
            throw new UsageException("no drug codes in " + csv);
        }
        return codes.toArray(String[]::new);
    }
}
