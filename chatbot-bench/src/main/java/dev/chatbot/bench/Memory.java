package dev.chatbot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads this process's memory: peak and current resident set (Linux /proc) and used heap. */
final class Memory {

    private Memory() {}

    static String describe() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heap = (rt.totalMemory() - rt.freeMemory()) >> 20;
        return String.format("heap used %d MB, resident %s MB (peak %s MB)", heap, status("VmRSS"), status("VmHWM"));
    }

    static String status(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return String.valueOf(Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return "?";
        }
        return "?";
    }
}
