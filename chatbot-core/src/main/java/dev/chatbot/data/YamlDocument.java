package dev.chatbot.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** A parsed YAML file as a node tree, so every problem can be reported with its file and line. */
final class YamlDocument {

    private final Path file;
    private final Node root;

    private YamlDocument(Path file, Node root) {
        this.file = file;
        this.root = root;
    }

    static YamlDocument read(Path file) throws DataFormatException {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader reader = new java.io.InputStreamReader(Files.newInputStream(file), decoder)) {
            Node root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
            if (root == null) {
                throw new DataFormatException(file, 1, "empty YAML file");
            }
            return new YamlDocument(file, root);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            throw new DataFormatException(file, line, "invalid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new DataFormatException(file, 0, "not valid UTF-8 text");
            }
            throw new DataFormatException(file, 0, "invalid YAML: " + e.getMessage());
        } catch (CharacterCodingException e) {
            throw new DataFormatException(file, 0, "not valid UTF-8 text");
        } catch (IOException e) {
            throw new DataFormatException(file, 0, "cannot read: " + e.getMessage());
        }
    }

    Node root() {
        return root;
    }

    Path file() {
        return file;
    }

    static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    DataFormatException error(Node node, String problem) {
        return new DataFormatException(file, line(node), problem);
    }

    MappingNode mapping(Node node, String what) throws DataFormatException {
        if (node instanceof MappingNode m) {
            return m;
        }
        throw error(node, what + " must be a mapping (key: value)");
    }

    Optional<Node> get(MappingNode mapping, String key) {
        for (NodeTuple t : mapping.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return Optional.of(t.getValueNode());
            }
        }
        return Optional.empty();
    }

    Node require(MappingNode mapping, String key) throws DataFormatException {
        return get(mapping, key).orElseThrow(() -> error(mapping, "missing key '" + key + "'"));
    }

    String scalar(Node node, String what) throws DataFormatException {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        throw error(node, what + " must be a single value");
    }

    List<ScalarNode> scalars(Node node, String what) throws DataFormatException {
        if (!(node instanceof SequenceNode seq)) {
            throw error(node, what + " must be a list");
        }
        List<ScalarNode> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            if (!(item instanceof ScalarNode s)) {
                throw error(item, what + " entries must be plain text");
            }
            out.add(s);
        }
        return out;
    }

    List<Node> sequence(Node node, String what) throws DataFormatException {
        if (node instanceof SequenceNode seq) {
            return seq.getValue();
        }
        throw error(node, what + " must be a list");
    }
}
