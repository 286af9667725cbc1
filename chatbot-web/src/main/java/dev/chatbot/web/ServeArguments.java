package dev.chatbot.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Translates the flags of {@code ./chatbot serve} ({@code --port 8080}, {@code --store redis},
 * {@code --redis-url ...}, {@code --data-dir ...}, {@code --model ...}, also as {@code --flag=value}) into
 * Spring properties; every other argument is passed through unchanged.
 */
final class ServeArguments {

    private static final Map<String, String> FLAGS = Map.of(
            "--port", "server.port",
            "--store", "chatbot.store.kind",
            "--redis-url", "chatbot.store.redis-url",
            "--data-dir", "chatbot.store.data-dir",
            "--model", "chatbot.model.dir");

    private ServeArguments() {}

    static String[] toSpring(String[] args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            String flag = eq < 0 ? arg : arg.substring(0, eq);
            String property = FLAGS.get(flag);
            if (property == null) {
                out.add(arg);
            } else if (eq >= 0) {
                out.add("--" + property + "=" + arg.substring(eq + 1));
            } else if (i + 1 < args.length) {
                out.add("--" + property + "=" + args[++i]);
            } else {
                throw new IllegalArgumentException(flag + " needs a value");
            }
        }
        return out.toArray(String[]::new);
    }
}
