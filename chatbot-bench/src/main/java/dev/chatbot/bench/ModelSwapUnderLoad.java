package dev.chatbot.bench;

import dev.chatbot.model.ModelIo;
import dev.chatbot.model.ModelRepository;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.sqlite.SqliteSettings;
import dev.chatbot.transcript.sqlite.SqliteTranscriptStore;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * The fault scenario "model swap during load" against a running server ({@code java -jar chatbot-web.jar}): steady
 * chat traffic ({@link PacedChat}) while the model repository's promoted version is switched back and forth with
 * the command line ({@code chatbot models promote|rollback}, run as its own process, as an operator would). It
 * reports every message's answer, the latency before, around each swap and after, how long the server took to
 * answer with the promoted version (its {@code chatbot_model_info} metric and the model version stored with each
 * message), and whether replaced models are released (server resident memory, live model objects after a full GC).
 *
 * <pre>
 * ModelSwapUnderLoad --url http://127.0.0.1:18380 --pid &lt;server pid&gt; --models &lt;repository&gt; --versions A,B
 *                    --data-dir &lt;server data dir&gt; --cli "java -cp ... dev.chatbot.cli.Main"
 *                    [--messages training-data/test.csv] [--rate 80] [--threads 8] [--warmup 10] [--before 15]
 *                    [--every 12] [--after 15] [--swaps 4]
 * </pre>
 *
 * Version A is served at the start. The plan: promote B, promote A, promote B, ... ({@code --swaps} - 1 promotions),
 * then roll back, {@code --every} seconds apart, the first {@code --before} seconds into the measured run, which
 * ends {@code --after} seconds after the last. A swap's window runs from the command's start until 2 s after the later of "the metric shows the new
 * version" and "the last message answered by the replaced model". Exits 1 unless every message was answered 200,
 * every acknowledged message is stored, and every swap was served.
 */
public final class ModelSwapUnderLoad {

    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** One command of the plan, what it ran and what was seen after it; times in System.nanoTime(), -1 if never. */
    record Swap(
            String command,
            String from,
            String to,
            long start,
            long end,
            int exit,
            long linkSwitched,
            long metricShows,
            long firstNew,
            long lastOld,
            long residentBeforeMb) {
        long windowEnd() {
            return Math.max(Math.max(metricShows, lastOld), Math.max(firstNew, end)) + SETTLE_NANOS;
        }
    }

    /** A stored customer message of the measured run: when it was classified and by which model. */
    record Answered(long nanos, String version) {}

    private final Map<String, String> o;
    private final long pid;
    private final Path models;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final Instant wallZero = Instant.now();
    private final long nanoZero = System.nanoTime();

    private ModelSwapUnderLoad(Map<String, String> options) {
        this.o = options;
        this.pid = Long.parseLong(required("pid"));
        this.models = Path.of(required("models"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        System.exit(new ModelSwapUnderLoad(options).run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        String url = required("url");
        String[] versions = required("versions").split(",");
        double rate = Double.parseDouble(o.getOrDefault("rate", "80"));
        int threads = Integer.parseInt(o.getOrDefault("threads", "8"));
        double before = Double.parseDouble(o.getOrDefault("before", "15"));
        double every = Double.parseDouble(o.getOrDefault("every", "12"));
        double after = Double.parseDouble(o.getOrDefault("after", "15"));
        ChatMix mix = new ChatMix(Path.of(o.getOrDefault("messages", "training-data/test.csv")));
        List<String[]> plan = new ArrayList<>();
        for (int i = 0; i + 1 < Integer.parseInt(o.getOrDefault("swaps", "4")); i++) {
            plan.add(new String[] {"promote", versions[(i + 1) % 2]});
        }
        plan.add(new String[] {"rollback"});

        System.out.printf(
                "server pid %d, models %s, versions %s; %d client threads, %.0f messages/s%n",
                pid, models, String.join(", ", versions), threads, rate);
        System.out.println("idle after start: " + LiveObjects.count(pid).describe());
        PacedChat warmUp = new PacedChat(http, url, mix, threads, rate);
        warmUp.run("warm", System.nanoTime(), Double.parseDouble(o.getOrDefault("warmup", "10")));
        System.out.printf("warm-up: %d messages, answers %s%n", warmUp.samples().size(), statuses(warmUp.samples()));
        System.out.println("| phase | from | to | messages | 200 | other | p50 | p99 | max |");
        row("warm-up", warmUp.samples(), 0, Long.MAX_VALUE, -1);
        LiveObjects.Census atStart = LiveObjects.count(pid);
        System.out.println("after warm-up, before the swaps: " + atStart.describe());
        Thread.sleep(2000);

        PacedChat chat = new PacedChat(http, url, mix, threads, rate);
        double seconds = before + every * (plan.size() - 1) + after;
        long start = System.nanoTime() + 200_000_000L;
        System.out.println("load average before the measured run: " + loadAverage());
        List<Swap> swaps = new ArrayList<>();
        String runId = "swap" + Long.toString(System.currentTimeMillis(), 36);
        try (ServerWatch watch = new ServerWatch(http, url, models.resolve(ModelRepository.CURRENT), pid)) {
            Thread traffic = new Thread(
                    () -> {
                        try {
                            chat.run(runId, start, seconds);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "traffic");
            traffic.start();
            for (int i = 0; i < plan.size(); i++) {
                LockSupport.parkNanos(start + (long) ((before + i * every) * 1e9) - System.nanoTime());
                swaps.add(promote(plan.get(i)));
            }
            traffic.join();
            System.out.println("load average after the measured run: " + loadAverage());
            Thread.sleep(500);
            List<Answered> answered = answered(runId);
            swaps.replaceAll(s -> observed(s, swaps, watch, answered));
            long stored = storedIds(runId).stream()
                    .filter(chat.acknowledged::contains)
                    .count();
            LiveObjects.Census atEnd = LiveObjects.count(pid);
            return report(chat, start, seconds, swaps, watch, answered, stored, atStart, atEnd);
        }
    }

    /** Runs one command of the plan as its own process; returns what it did (observations filled in later). */
    private Swap promote(String[] command) throws Exception {
        String from = new ModelRepository(models).currentVersion().orElse("?");
        long residentBefore = ServerWatch.residentMb(pid);
        List<String> argv = new ArrayList<>(Arrays.asList(required("cli").trim().split("\\s+")));
        argv.add("models");
        argv.addAll(Arrays.asList(command));
        argv.addAll(List.of("--models", models.toString()));
        long started = System.nanoTime();
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int exit = p.waitFor();
        long ended = System.nanoTime();
        String to =
                ModelIo.readManifest(models.resolve(ModelRepository.CURRENT)).version();
        System.out.printf(
                "%+.1f s  chatbot models %s -> \"%s\" (exit %d, %.0f ms)%n",
                seconds(started - nanoZero), String.join(" ", command), output, exit, (ended - started) / 1e6);
        return new Swap(
                "models " + String.join(" ", command), from, to, started, ended, exit, -1, -1, -1, -1, residentBefore);
    }

    /**
     * What the server did after the link switched for {@code s}, until the next swap's link switch: when its metric
     * first showed the new version, and the first message stored with the new version and the last with the old.
     */
    private Swap observed(Swap s, List<Swap> all, ServerWatch watch, List<Answered> answered) {
        int i = all.indexOf(s);
        long switched = ServerWatch.firstAt(watch.links, s.start(), s.to());
        long from = switched < 0 ? s.start() : switched;
        long until = i + 1 < all.size()
                ? ServerWatch.firstAt(
                        watch.links, all.get(i + 1).start(), all.get(i + 1).to())
                : Long.MAX_VALUE;
        long to = until < 0 ? Long.MAX_VALUE : until;
        long firstNew = answered.stream()
                .filter(a -> a.nanos() >= from && a.nanos() < to && a.version().equals(s.to()))
                .mapToLong(Answered::nanos)
                .min()
                .orElse(-1);
        long lastOld = answered.stream()
                .filter(a -> a.nanos() >= from && a.nanos() < to && a.version().equals(s.from()))
                .mapToLong(Answered::nanos)
                .max()
                .orElse(-1);
        long metric = watch.served.stream()
                .filter(v -> v.nanos() >= from && v.nanos() < to && v.value().equals(s.to()))
                .mapToLong(ServerWatch.Seen::nanos)
                .min()
                .orElse(-1);
        return new Swap(
                s.command(),
                s.from(),
                s.to(),
                s.start(),
                s.end(),
                s.exit(),
                switched,
                metric,
                firstNew,
                lastOld,
                s.residentBeforeMb());
    }

    /** The measured run's customer messages as stored, with the version that classified them (read-only, beside the server). */
    private List<Answered> answered(String runId) {
        List<Answered> out = new ArrayList<>();
        for (StoredEvent e : storedMessages(runId)) {
            TranscriptEvent.MessageReceived m = (TranscriptEvent.MessageReceived) e.event();
            out.add(new Answered(nanoZero + Duration.between(wallZero, m.at()).toNanos(), m.modelVersion()));
        }
        return out;
    }

    private List<String> storedIds(String runId) {
        return storedMessages(runId).stream()
                .map(e -> ((TranscriptEvent.MessageReceived) e.event())
                        .messageId()
                        .value())
                .toList();
    }

    private List<StoredEvent> storedMessages(String runId) {
        try (SqliteTranscriptStore store =
                SqliteTranscriptStore.open(SqliteSettings.defaults(Path.of(required("data-dir"))))) {
            return store.conversations().stream()
                    .flatMap(id -> store.read(id, 0).stream())
                    .filter(e -> e.event() instanceof TranscriptEvent.MessageReceived m
                            && m.messageId().value().startsWith(runId + "-"))
                    .toList();
        }
    }

    private boolean report(
            PacedChat chat,
            long start,
            double seconds,
            List<Swap> swaps,
            ServerWatch watch,
            List<Answered> answered,
            long stored,
            LiveObjects.Census atStart,
            LiveObjects.Census atEnd) {
        List<PacedChat.Sample> samples = chat.samples();
        long ok = samples.stream().filter(s -> s.status() == 200).count();
        System.out.printf(
                "%nmessages sent %d, answered 200: %d, other answers or failures: %s; conversations started: %s%n",
                samples.size(),
                ok,
                statuses(samples.stream().filter(s -> s.status() != 200).toList()),
                chat.startAnswers);
        System.out.printf(
                "acknowledged messages stored: %d of %d; stored messages by model version: %s%n",
                stored,
                ok,
                answered.stream()
                        .collect(Collectors.groupingBy(Answered::version, TreeMap::new, Collectors.counting())));

        System.out.println("\n| phase | from | to | messages | 200 | other | p50 | p99 | max |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        long end = start + (long) (seconds * 1e9);
        row("before", samples, start, swaps.get(0).start(), start);
        List<long[]> windows = new ArrayList<>();
        for (int i = 0; i < swaps.size(); i++) {
            Swap s = swaps.get(i);
            long nextStart = i + 1 < swaps.size() ? swaps.get(i + 1).start() : end;
            long windowEnd = Math.min(s.windowEnd(), nextStart);
            windows.add(new long[] {s.start(), windowEnd});
            row("swap " + (i + 1) + " (" + s.command() + ")", samples, s.start(), windowEnd, start);
            row(i + 1 < swaps.size() ? "between" : "after", samples, windowEnd, nextStart, start);
        }
        Predicate<PacedChat.Sample> inWindow =
                x -> windows.stream().anyMatch(w -> x.dueNanos() >= w[0] && x.dueNanos() < w[1]);
        row("all swap windows", samples.stream().filter(inWindow).toList(), 0, Long.MAX_VALUE, -1);
        row(
                "all outside the windows",
                samples.stream().filter(inWindow.negate()).toList(),
                0,
                Long.MAX_VALUE,
                -1);
        row("whole run", samples, 0, Long.MAX_VALUE, -1);

        System.out.println("\n| # | command | from -> to | command took | link switched | metric shows new version"
                + " | first message by new model | last message by old model | resident before |");
        System.out.println("|---:|---|---|---:|---:|---:|---:|---:|---:|");
        for (int i = 0; i < swaps.size(); i++) {
            Swap s = swaps.get(i);
            System.out.printf(
                    "| %d | %s | %s -> %s | %.0f ms | %s | %s | %s | %s | %d MB |%n",
                    i + 1,
                    s.command(),
                    s.from(),
                    s.to(),
                    (s.end() - s.start()) / 1e6,
                    after(s.start(), s.linkSwitched()),
                    after(s.linkSwitched(), s.metricShows()),
                    after(s.linkSwitched(), s.firstNew()),
                    after(s.linkSwitched(), s.lastOld()),
                    s.residentBeforeMb());
        }
        System.out.println("(command took: from start to exit of the CLI process; link switched: after the command"
                + " started; the rest: after the link switched)");
        List<String> everyFive = new ArrayList<>();
        for (long at = start; at <= end; at += 5_000_000_000L) {
            long mark = at;
            watch.resident.stream()
                    .filter(r -> r.nanos() >= mark)
                    .findFirst()
                    .ifPresent(r -> everyFive.add(String.format("%+.0fs %s", (mark - start) / 1e9, r.value())));
        }
        System.out.printf("%nresident memory every 5 s of the measured run (MB): %s%n", everyFive);
        System.out.printf(
                "resident at the end: %d MB (peak %d MB); metric scrapes failed: %d%n",
                ServerWatch.residentMb(pid), ServerWatch.status(pid, "VmHWM"), watch.scrapeFailures.get());
        System.out.println("live objects before the swaps: " + atStart.describe());
        System.out.println("live objects after the swaps:  " + atEnd.describe());

        boolean allAnswered =
                ok == samples.size() && chat.startAnswers.keySet().stream().allMatch("201"::equals);
        boolean allServed = swaps.stream().allMatch(s -> s.exit() == 0 && s.metricShows() > 0 && s.firstNew() > 0);
        boolean released = atEnd.noMoreModelsThan(atStart);
        System.out.printf(
                "%nRESULT: every message answered 200: %s; every acknowledged message stored: %s;"
                        + " every swap served: %s; replaced models released: %s%n",
                allAnswered, stored == ok, allServed, released);
        return allAnswered && stored == ok && allServed && released;
    }

    /** A table row over the messages due in [from, to); from and to are printed in seconds after {@code zero}. */
    private static void row(String name, List<PacedChat.Sample> all, long from, long to, long zero) {
        List<PacedChat.Sample> in = all.stream()
                .filter(s -> s.dueNanos() >= from && s.dueNanos() < to)
                .toList();
        Histogram h = new Histogram(120_000_000L, 3);
        in.forEach(s -> h.recordValue(Math.min(s.micros(), h.getHighestTrackableValue())));
        long ok = in.stream().filter(s -> s.status() == 200).count();
        String span = zero < 0 ? "| | " : String.format("| %.1f s | %.1f s ", (from - zero) / 1e9, (to - zero) / 1e9);
        System.out.printf(
                "| %s %s| %d | %d | %d | %.1f ms | %.1f ms | %.1f ms |%n",
                name,
                span,
                in.size(),
                ok,
                in.size() - ok,
                h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0,
                h.getMaxValue() / 1000.0);
    }

    private String after(long from, long at) {
        return from < 0 || at < 0 ? "never" : String.format("%.0f ms", (at - from) / 1e6);
    }

    private static Map<String, Long> statuses(List<PacedChat.Sample> samples) {
        Map<String, Long> out = new TreeMap<>();
        samples.forEach(s -> out.merge(
                s.status() < 0 ? "no answer (" + s.failure() + ")" : Integer.toString(s.status()), 1L, Long::sum));
        return out;
    }

    /** The machine's 1, 5 and 15 minute load averages (this run's client and server included). */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2] + " (" + Runtime.getRuntime().availableProcessors() + " cores)";
        } catch (IOException e) {
            return "?";
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private String required(String key) {
        String v = o.get(key);
        if (v == null) {
            throw new IllegalArgumentException("--" + key + " is required (see the class comment)");
        }
        return v;
    }
}
