package org.eprescription.bench.lifecycle;

import org.eprescription.bench.common.ApiClient;
import org.eprescription.bench.common.Args;
import org.eprescription.bench.common.Benchmark;
import org.eprescription.bench.common.ClosedLoop;
import org.eprescription.bench.common.RunOptions;
import org.eprescription.bench.common.Staff;
import org.eprescription.bench.common.Tokens;
import org.eprescription.bench.common.UsageException;
import org.eprescription.bench.common.Window;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lifecycle load benchmark: N client threads each loop issue -> accept -> dispense over HTTP against a running
 * exchange for a fixed duration, after a warmup whose samples are thrown away; through the JSON API, or with
 * {@code --api fhir} through the FHIR interface's Task operations ({@link LifecycleApi}), so that the two can be
 * compared (issue 18: the CPU per lifecycle of each).
 *
 * <p>With {@code --steps issue} the clients only issue: every prescription is for a patient drawn from a fixed
 * pool ({@code --patients}, default 2,000) who already has a few prescriptions (a seeding phase issues
 * {@code --seed-per-patient} of them per patient before the warmup, unmeasured), and its drugs come from a list
 * with duplicates and a contraindicated pair, so that the exchange actually computes and raises alerts. The
 * report then counts issues/s, the issue latency, and how many issue answers carried a non-empty {@code alerts}.
 *
 * <p>Before the warmup (and before seeding) the program fetches a local token for each identity a client can act
 * as: a PRESCRIBER token per prescriber and, for the lifecycle, a PHARMACIST token per pharmacist ({@link Staff}:
 * 50 institutions with 4 prescribers, 50 pharmacies with 3 pharmacists). The bodies name the same prescriber,
 * institution, pharmacist and pharmacy as the token. Fetching them is not measured.
 *
 * <p>What is measured, per step: the wall time from sending the request to having read the whole answer, for
 * requests that <em>started</em> inside the measured window. A lifecycle counts when its dispense answer (2xx)
 * arrives inside the window; commands/s counts every 2xx command answer that arrives inside the window. Any non-2xx
 * answer or transport failure is an error: it is counted by step and status, the first few bodies are printed,
 * and the client starts a new lifecycle. Nothing is asserted.
 */
public final class LifecycleLoad implements Benchmark {

    static final Staff STAFF = new Staff(50, 4, 50, 3);

    /** What the command line asks for. */
    record Options(String url, int clients, int durationSeconds, int warmupSeconds, int requestTimeoutSeconds,
                   String label, boolean issueOnly, int patients, int seedPerPatient, boolean loadedPatients,
                   LifecycleApi api, boolean idempotencyKeys) implements RunOptions {

        static Options of(Args args) {
            String url = ApiClient.baseUrl(args.text("--url", ApiClient.DEFAULT_URL));
            int clients = args.whole("--clients", 8, 1);
            boolean issueOnly = args.choice("--steps", "lifecycle", "lifecycle", "issue").equals("issue");
            LifecycleApi api = LifecycleApi.named(args.choice("--api", "json", "json", "fhir"));
            if (issueOnly && api != LifecycleApi.JSON) {
                throw new UsageException("--steps issue goes through the JSON API only, not --api fhir");
            }
            Options options = new Options(url, clients,
                    args.whole("--duration-seconds", 60, 1),
                    args.whole("--warmup-seconds", 10, 0),
                    args.whole("--request-timeout-seconds", 30, 1),
                    args.text("--label", clients + " clients" + (issueOnly ? ", issue only" : "")
                            + (api == LifecycleApi.FHIR ? ", FHIR" : "")),
                    issueOnly,
                    args.whole("--patients", 2000, 1),
                    args.whole("--seed-per-patient", 2, 0),
                    args.yes("--loaded-patients", false),
                    api,
                    args.yes("--idempotency-keys", true));
            args.finish();
            return options;
        }

        Duration requestTimeout() {
            return Duration.ofSeconds(requestTimeoutSeconds);
        }

        /** Patient n (0-based) of the pool. */
        String poolPatient(int n) {
            return loadedPatients ? "PAT-" + (n + 1) : "PAT-POOL-" + n;
        }
    }

    @Override
    public String usage() {
        return """
                usage: java -jar bench.jar lifecycle [--url http://127.0.0.1:PORT/api/v1] [--clients 8]
                       [--duration-seconds 60] [--warmup-seconds 10] [--request-timeout-seconds 30] [--label text]
                       [--steps lifecycle|issue] [--patients 2000] [--seed-per-patient 2] [--loaded-patients no]
                       [--api json|fhir] [--idempotency-keys yes]
                --api fhir: each lifecycle goes through /fhir beside the API (Task/$create, Task/$accept,
                Task/{id}/$dispense completing the use) with the same tokens, parties, drugs and quantities.
                --steps issue: clients only issue, for patients of a pool of --patients who each got
                --seed-per-patient prescriptions before the warmup, with drugs that raise alerts.
                --loaded-patients yes: the pool is PAT-1 ... PAT-<patients>, whose courses were bulk-loaded.
                --idempotency-keys no: commands without an Idempotency-Key (by default each has a fresh one,
                as a real client sends it).""";
    }

    @Override
    public void run(String[] arguments) throws Exception {
        Options options = Options.of(Args.parse(arguments));
        ApiClient api = new ApiClient(options.url(), options.requestTimeout());
        ApiClient driven = options.api() == LifecycleApi.FHIR ? api.fhir() : api;
        System.out.printf(Locale.ROOT, "Lifecycle load (%s): %s, %d clients, %d s warmup + %d s measured%n",
                options.issueOnly() ? "issue" : "lifecycle", driven.base(), options.clients(),
                options.warmupSeconds(), options.durationSeconds());
        Tokens tokens = new Tokens(api);
        STAFF.fetchTokens(tokens, options.issueOnly(), Math.min(options.clients(), 8));
        if (options.issueOnly()) {
            System.out.printf(Locale.ROOT, "issue only: %d patients in the pool, %d prescriptions each seeded first%n",
                    options.patients(), options.seedPerPatient());
            new Seeding(api, options, tokens).run();
        }

        Window window = Window.fromNow(options.warmupSeconds(), options.durationSeconds());
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < options.clients(); i++) {
            clients.add(new Client(driven, options, tokens, window));
        }
        ClosedLoop.run(clients, window, options.requestTimeout());
        if (options.issueOnly()) {
            LifecycleReport.issueOnly(options, clients);
        } else {
            LifecycleReport.lifecycles(options, clients);
        }
    }
}
