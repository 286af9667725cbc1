package dev.chatbot.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvExamplesTest {

    @TempDir
    Path dir;

    @Test
    void readsQuotedCommasAndEmbeddedNewlines() throws Exception {
        Path f = write("a.csv", "text,category\n\"hi, there\",greeting\n\"two\nlines\",order_status\nplain,thanks\n");
        var data = CsvExamples.read(f);
        assertThat(data.examples()).extracting(e -> e.text()).containsExactly("hi, there", "two\nlines", "plain");
        assertThat(data.examples().get(2).source()).isEqualTo("a.csv:5");
    }

    @Test
    void namesFileAndLineOfARowWithOneColumn() throws Exception {
        Path f = write("b.csv", "text,intent\nok,greeting\nmissing the label\n");
        assertThatThrownBy(() -> CsvExamples.read(f))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(f + ":3: expected 2 columns (text,intent), found 1");
    }

    @Test
    void refusesAWrongHeader() throws Exception {
        Path f = write("c.csv", "sentence,label\nhi,greeting\n");
        assertThatThrownBy(() -> CsvExamples.read(f)).hasMessageStartingWith(f + ":1: expected header 'text,intent'");
    }

    @Test
    void refusesAnUnterminatedQuoteWithItsLine() throws Exception {
        Path f = write("d.csv", "text,intent\nok,greeting\n\"never closed,greeting\n");
        assertThatThrownBy(() -> CsvExamples.read(f))
                .isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(f + ":")
                .hasMessageContaining("malformed CSV");
    }

    @Test
    void refusesInvalidUtf8() throws Exception {
        Path f = dir.resolve("e.csv");
        Files.write(f, new byte[] {
            't', 'e', 'x', 't', ',', 'i', 'n', 't', 'e', 'n', 't', '\n', (byte) 0xC3, (byte) 0x28, ',', 'a', '\n'
        });
        assertThatThrownBy(() -> CsvExamples.read(f)).hasMessage(f + ": not valid UTF-8 text");
    }

    @Test
    void refusesAnInvalidIntentNameWithItsLine() throws Exception {
        Path f = write("f.csv", "text,intent\nhello,\"bad name\"\n");
        assertThatThrownBy(() -> CsvExamples.read(f)).hasMessageStartingWith(f + ":2: invalid intent name");
    }

    private Path write(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }
}
