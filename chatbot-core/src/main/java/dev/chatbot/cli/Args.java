package dev.chatbot.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses {@code --name value} options, {@code --flag} switches and positional words. */
final class Args {

    private final Map<String, String> options = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Args() {}

    static Args parse(List<String> argv, Set<String> valued, Set<String> flags) throws UsageException {
        Args a = new Args();
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (flags.contains(name) && value == null) {
                    a.options.put(name, "true");
                } else if (valued.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= argv.size()) {
                            throw new UsageException("option --" + name + " needs a value");
                        }
                        value = argv.get(++i);
                    }
                    a.options.put(name, value);
                } else {
                    throw new UsageException("unknown option --" + name);
                }
            } else {
                a.positional.add(arg);
            }
        }
        return a;
    }

    String get(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    String require(String name) throws UsageException {
        String v = options.get(name);
        if (v == null || v.isBlank()) {
            throw new UsageException("missing required option --" + name);
        }
        return v;
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    double number(String name, double fallback) throws UsageException {
        String v = options.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " needs a number, got '" + v + "'");
        }
    }

    List<String> positional() {
        return positional;
    }
}
