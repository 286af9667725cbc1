package dev.chatbot.redaction;

import java.util.Arrays;

/**
 * A run of digit groups in the normalised text: groups of digits joined by one to three of {@code space - . / ( )}
 * (as in {@code +44 (0)20 7946-0958} or {@code 01.03.2025}), optionally after a leading {@code +} or {@code (}.
 * Reading a run reads each of its chars once. Reused from run to run; not thread-safe.
 */
final class NumberRun {

    private static final int MAX_SEPARATOR = 3;

    private NormalizedText s;
    /** Index of the run's first char (its {@code +} or {@code (} if it has one). */
    int start;
    /** {@code '+'}, {@code '('} or 0. */
    char prefix;

    int groups;
    private int[] groupStart = new int[16];
    private int[] groupEnd = new int[16];
    /** The char right after the last group is a letter ({@code 0800abc}). */
    boolean followedByLetter;

    /** Reads the run starting at {@code p} (a digit, or {@code +}/{@code (} before one); returns where it ends. */
    int read(NormalizedText text, int p) {
        s = text;
        start = p;
        char first = s.at(p);
        prefix = first == '+' || first == '(' ? first : 0;
        int q = prefix == 0 ? p : p + 1;
        int n = s.length();
        groups = 0;
        while (true) {
            int a = q;
            while (q < n && digit(s.at(q))) {
                q++;
            }
            add(a, q);
            int k = q;
            while (k < n && k - q < MAX_SEPARATOR && separator(s.at(k))) {
                k++;
            }
            if (k == q || k >= n || !digit(s.at(k))) {
                break;
            }
            q = k;
        }
        followedByLetter = q < n && Character.isLetter(s.at(q));
        return q;
    }

    private void add(int from, int to) {
        if (groups == groupStart.length) {
            groupStart = Arrays.copyOf(groupStart, groups * 2);
            groupEnd = Arrays.copyOf(groupEnd, groups * 2);
        }
        groupStart[groups] = from;
        groupEnd[groups] = to;
        groups++;
    }

    int start(int group) {
        return groupStart[group];
    }

    int end(int group) {
        return groupEnd[group];
    }

    int length(int group) {
        return groupEnd[group] - groupStart[group];
    }

    char digitAt(int group, int offset) {
        return s.at(groupStart[group] + offset);
    }

    /** The value of a group of up to 9 digits. */
    int value(int group) {
        int v = 0;
        for (int i = groupStart[group]; i < groupEnd[group]; i++) {
            v = v * 10 + (s.at(i) - '0');
        }
        return v;
    }

    /** The separator before {@code group} (1 or more) when it is one char, else 0. */
    char separator(int group) {
        return groupStart[group] - groupEnd[group - 1] == 1 ? s.at(groupEnd[group - 1]) : 0;
    }

    /** Where the separator before {@code group} has a {@code (}, or -1. */
    int openingBracketBefore(int group) {
        for (int i = groupEnd[group - 1]; i < groupStart[group]; i++) {
            if (s.at(i) == '(') {
                return i;
            }
        }
        return -1;
    }

    static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean separator(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')';
    }
}
