package dev.chatbot.data;

import java.nio.file.Path;

/** A data file is malformed; the message names the file and, where known, the line. */
public final class DataFormatException extends Exception {

    private final Path file;
    private final int line;

    public DataFormatException(Path file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** 1-based line number, or 0 when the problem is not tied to a line. */
    public int line() {
        return line;
    }
}
