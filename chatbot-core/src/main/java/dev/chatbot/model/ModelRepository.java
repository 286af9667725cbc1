package dev.chatbot.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The versioned model store: a directory with one sub-directory per version, a {@code current} symbolic
 * link to the promoted one, and {@code promotions.log} (one version per line, oldest first) for rollback.
 * Promotion swaps the link atomically, so a reader never sees a half-switched model. Not safe for
 * concurrent promotions from several processes; reads are always safe.
 */
public final class ModelRepository {

    public static final String CURRENT = "current";
    static final String HISTORY = "promotions.log";

    private final Path root;

    public ModelRepository(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** A version directory with its manifest (or why it cannot be read). */
    public record Entry(String version, Path directory, ModelManifest manifest, String problem, boolean current) {}

    public List<Entry> list() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        String current = currentVersion().orElse(null);
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            for (Path dir : s.filter(p -> Files.isDirectory(p) && !Files.isSymbolicLink(p))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList()) {
                String name = dir.getFileName().toString();
                try {
                    out.add(new Entry(name, dir, ModelIo.readManifest(dir), null, name.equals(current)));
                } catch (ModelLoadException e) {
                    out.add(new Entry(name, dir, null, e.getMessage(), name.equals(current)));
                }
            }
        }
        return out;
    }

    public Optional<String> currentVersion() throws IOException {
        Path link = root.resolve(CURRENT);
        if (!Files.isSymbolicLink(link)) {
            return Optional.empty();
        }
        return Optional.of(Files.readSymbolicLink(link).getFileName().toString());
    }

    public Path currentDirectory() {
        return root.resolve(CURRENT);
    }

    /** A fresh, empty directory for a new version; write the model there, then {@link #promote}. */
    public Path newVersionDirectory(String version) throws IOException {
        Path dir = root.resolve(version);
        if (Files.exists(dir)) {
            throw new IOException(dir + ": version already exists");
        }
        Files.createDirectories(dir);
        return dir;
    }

    /** Points {@code current} at {@code version} after checking that the version loads. */
    public void promote(String version) throws IOException, ModelLoadException {
        Path dir = root.resolve(version);
        if (version.contains("/") || version.equals(CURRENT) || !Files.isDirectory(dir)) {
            throw new ModelLoadException(dir + ": no such model version");
        }
        ModelIo.readManifest(dir);
        switchCurrent(version);
        Files.writeString(
                root.resolve(HISTORY),
                version + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** Re-promotes the version that was current before the present one; returns it. */
    public String rollback() throws IOException, ModelLoadException {
        List<String> history = history();
        String current = currentVersion()
                .orElseThrow(() -> new ModelLoadException(root + ": no current model to roll back from"));
        int at = history.lastIndexOf(current);
        for (int i = at - 1; i >= 0; i--) {
            String candidate = history.get(i);
            if (!candidate.equals(current) && Files.isDirectory(root.resolve(candidate))) {
                switchCurrent(candidate);
                List<String> trimmed = new ArrayList<>(history.subList(0, i + 1));
                Files.write(root.resolve(HISTORY), trimmed, StandardCharsets.UTF_8);
                return candidate;
            }
        }
        throw new ModelLoadException(root.resolve(HISTORY) + ": no earlier promoted version to roll back to");
    }

    public List<String> history() throws IOException {
        Path file = root.resolve(HISTORY);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private void switchCurrent(String version) throws IOException {
        Path tmp = root.resolve(".current-" + ProcessHandle.current().pid());
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, Path.of(version));
        try {
            Files.move(tmp, root.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, root.resolve(CURRENT), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
