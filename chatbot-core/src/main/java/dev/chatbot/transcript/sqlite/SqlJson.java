package dev.chatbot.transcript.sqlite;

import java.util.Collection;

/** Lists bound as one parameter: {@code ... IN (SELECT value FROM json_each(?))} with {@link #array}. */
public final class SqlJson {

    private SqlJson() {}

    /**
     * A JSON array of plain strings: ids and type names, made of letters, digits, {@code _} and {@code -} only.
     *
     * @throws IllegalArgumentException for a value with any other character
     */
    public static String array(Collection<String> values) {
        StringBuilder out = new StringBuilder(values.size() * 36).append('[');
        for (String v : values) {
            if (!v.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-'))) {
                throw new IllegalArgumentException("not a plain id: " + v);
            }
            out.append(out.length() == 1 ? "" : ",").append('"').append(v).append('"');
        }
        return out.append(']').toString();
    }
}
