package dev.chatbot.bench;

import dev.chatbot.data.CsvExamples;
import dev.chatbot.intent.Example;
import dev.chatbot.intent.IntentName;
import dev.chatbot.model.LoadedModel;
import dev.chatbot.model.ModelIo;
import dev.chatbot.transcript.sqlite.SqliteSettings;
import dev.chatbot.transcript.sqlite.SqliteTranscriptStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Plays a labelled CSV, shuffled, as a shop's traffic against a model (see {@link SimulatedShop}): each row becomes a
 * conversation in the embedded store under the data directory, with the agent's labels and "not covered" marks,
 * ready for {@code ./chatbot retrain --data-dir <dir>}. Usage:
 * {@code ReplayTraffic <model dir> <traffic.csv> <data dir> [oos label] [helpful every]}.
 */
public final class ReplayTraffic {

    public static void main(String[] args) throws Exception {
        LoadedModel model = ModelIo.load(Path.of(args[0]));
        // in the file's order (a data set sorted by label) the newest share that retraining holds out as recent traffic
        // would be one label's rows; real traffic interleaves them
        List<Example> traffic =
                new ArrayList<>(CsvExamples.read(Path.of(args[1])).examples());
        Collections.shuffle(traffic, new Random(42));
        IntentName oosLabel = IntentName.of(args.length > 3 ? args[3] : "out_of_scope");
        int helpfulEvery = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        try (SqliteTranscriptStore store = SqliteTranscriptStore.open(new SqliteSettings(Path.of(args[2]), false))) {
            SimulatedShop.Outcome o = SimulatedShop.replay(store, model, traffic, oosLabel, helpfulEvery);
            System.out.printf(
                    "replayed %d messages on %s: %d answered (%d right), %d to the agent (%d marked not covered)%n",
                    o.messages(),
                    model.manifest().version(),
                    o.answered(),
                    o.answeredRight(),
                    o.escalated(),
                    o.marked());
        }
        System.exit(0);
    }
}
