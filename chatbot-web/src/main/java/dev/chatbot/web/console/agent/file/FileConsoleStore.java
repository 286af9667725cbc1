package dev.chatbot.web.console.agent.file;

import dev.chatbot.files.PrivateFiles;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.web.console.agent.Agent;
import dev.chatbot.web.console.agent.ConsoleStore;
import dev.chatbot.web.console.agent.ConsoleStoreJson;
import dev.chatbot.web.console.agent.Presence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Console store in a file: {@code <dataDir>/console/agents.json} (every account, replaced atomically and
 * fsynced on each change; {@code 0600} in a {@code 0700} directory); presence lives in memory. For one instance,
 * like the embedded transcript store.
 */
public final class FileConsoleStore implements ConsoleStore {

    private final Path file;
    private final Map<AgentId, Agent> agents = new TreeMap<>(java.util.Comparator.comparing(AgentId::value));
    private final Map<AgentId, Presence> presence = new ConcurrentHashMap<>();

    private FileConsoleStore(Path file) {
        this.file = file;
    }

    public static FileConsoleStore open(Path dataDir) {
        Path dir = dataDir.resolve("console");
        FileConsoleStore store = new FileConsoleStore(dir.resolve("agents.json"));
        try {
            PrivateFiles.directory(dir);
            if (Files.exists(store.file)) {
                PrivateFiles.restrict(store.file, PrivateFiles.FILE); // written world-readable by earlier versions
                for (Agent a : ConsoleStoreJson.agents(Files.readString(store.file))) {
                    store.agents.put(a.id(), a);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the console store in " + dir, e);
        }
        return store;
    }

    @Override
    public synchronized boolean add(Agent agent) {
        if (agents.containsKey(agent.id())) {
            return false;
        }
        agents.put(agent.id(), agent);
        save();
        return true;
    }

    @Override
    public synchronized boolean update(Agent agent) {
        if (!agents.containsKey(agent.id())) {
            return false;
        }
        agents.put(agent.id(), agent);
        save();
        return true;
    }

    @Override
    public synchronized Optional<Agent> agent(AgentId id) {
        return Optional.ofNullable(agents.get(id));
    }

    @Override
    public synchronized List<Agent> agents() {
        return List.copyOf(agents.values());
    }

    @Override
    public void report(Presence report) {
        presence.put(report.agent(), report);
    }

    @Override
    public List<Presence> presences() {
        return List.copyOf(presence.values());
    }

    private void save() {
        Path tmp = file.resolveSibling("agents.json.tmp");
        try (FileChannel out = PrivateFiles.open(tmp, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(StandardCharsets.UTF_8.encode(ConsoleStoreJson.writeAll(new ArrayList<>(agents.values()))));
            out.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + tmp, e);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + file, e);
        }
    }

    @Override
    public void close() {
        // every write is already on disk
    }
}
