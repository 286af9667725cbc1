package dev.chatbot.learning;

import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.embedding.SentenceEncoder;
import dev.chatbot.transcript.EscalationReason;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.NotCoveredMark;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Double-loop learning: finds what customers ask that no intent covers. Candidates are customer messages the bot
 * escalated as low confidence (below the threshold, rejected as out of scope, or without an FAQ answer) that no
 * agent labelled with an existing intent, and every message an agent marked as not covered by the FAQ. Their sentence embeddings are grouped by community detection: the
 * message with the most neighbours within {@code similarity} (cosine) becomes a group with those neighbours,
 * and so on while groups of at least {@code minSize} remain. Each group gets its size, the messages nearest its
 * centre and a suggested intent name made of its most characteristic words. Deterministic for the same input.
 */
public final class UnmetNeeds {

    /** A customer message no intent covered. */
    public record Message(String text, Instant at, String conversationId) {}

    /** A group of similar uncovered messages: a candidate new intent. */
    public record Group(
            int number, int size, String suggestedName, List<String> representatives, List<String> messages) {}

    /** The groups, largest first, and how many candidates fell in no group. */
    public record Report(int candidates, int ungrouped, List<Group> groups) {}

    private static final Set<String> STOPWORDS = Set.of(
            "a", "an", "the", "i", "me", "my", "you", "your", "we", "our", "is", "are", "was", "were", "be", "been",
            "do", "does", "did", "to", "of", "in", "on", "for", "with", "at", "by", "from", "and", "or", "but", "if",
            "it", "its", "this", "that", "can", "could", "would", "will", "should", "how", "what", "when", "where",
            "why", "who", "which", "there", "here", "have", "has", "had", "not", "no", "yes", "so", "please", "hi",
            "hello", "hey", "thanks", "thank", "get", "got", "want", "need", "just", "any", "some", "about", "am", "im",
            "i'm", "don't", "dont", "us", "as", "up", "out", "too", "also", "still", "again", "one", "much", "many",
            "more", "than", "then");

    private final SentenceEncoder encoder;
    private final double similarity;
    private final int minSize;
    private final int maxMessages;

    /**
     * @param similarity cosine similarity at which two messages are neighbours (default 0.6)
     * @param minSize fewest messages that make a group (default 3)
     * @param maxMessages most recent candidates considered (bounds the quadratic grouping; default 3000)
     */
    public UnmetNeeds(SentenceEncoder encoder, double similarity, int minSize, int maxMessages) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        if (!(similarity > 0 && similarity < 1) || minSize < 2 || maxMessages < 1) {
            throw new IllegalArgumentException("need 0 < similarity < 1, minSize >= 2, maxMessages >= 1");
        }
        this.similarity = similarity;
        this.minSize = minSize;
        this.maxMessages = maxMessages;
    }

    /** The uncovered messages of the logs at or after {@code since} (null: all), oldest first. */
    public static List<Message> candidates(List<List<StoredEvent>> logs, Set<IntentName> knownIntents, Instant since) {
        List<Message> out = new ArrayList<>();
        for (List<StoredEvent> log : logs) {
            Map<MessageId, TranscriptEvent.MessageReceived> messages = new HashMap<>();
            Set<MessageId> escalated = new HashSet<>();
            Map<MessageId, IntentName> labels = new HashMap<>();
            for (StoredEvent stored : log) {
                TranscriptEvent e = stored.event();
                if (e instanceof TranscriptEvent.MessageReceived m) {
                    messages.put(m.messageId(), m);
                } else if (e instanceof TranscriptEvent.Escalated x
                        && x.reason() == EscalationReason.LOW_CONFIDENCE
                        && x.inReplyTo() != null) {
                    escalated.add(x.inReplyTo());
                } else if (e instanceof TranscriptEvent.Labelled l) {
                    labels.put(l.messageId(), l.intent());
                } else if (e instanceof TranscriptEvent.MarkedNotCovered n) {
                    labels.remove(n.messageId());
                }
            }
            Set<MessageId> candidates = new java.util.LinkedHashSet<>(escalated);
            NotCoveredMark.from(log).forEach(mark -> candidates.add(mark.messageId()));
            for (MessageId id : candidates) {
                TranscriptEvent.MessageReceived m = messages.get(id);
                IntentName label = labels.get(id);
                if (m != null
                        && (label == null || !knownIntents.contains(label))
                        && (since == null || !m.at().isBefore(since))
                        && !m.text().isBlank()) {
                    out.add(new Message(
                            m.text(), m.at(), log.get(0).conversationId().value()));
                }
            }
        }
        out.sort(Comparator.comparing(Message::at).thenComparing(Message::conversationId));
        return out;
    }

    public Report group(List<Message> candidates, Set<IntentName> knownIntents, int threads) {
        List<Message> recent = candidates.size() > maxMessages
                ? candidates.subList(candidates.size() - maxMessages, candidates.size())
                : candidates;
        int n = recent.size();
        List<float[]> vectors = n == 0
                ? List.of()
                : encoder.encodeAll(recent.stream().map(Message::text).toList(), threads);
        List<List<Integer>> neighbours = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<Integer> near = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                if (cosine(vectors.get(i), vectors.get(j)) >= similarity) {
                    near.add(j);
                }
            }
            neighbours.add(near);
        }
        boolean[] taken = new boolean[n];
        List<List<Integer>> clusters = new ArrayList<>();
        while (true) {
            int best = -1;
            int bestCount = 0;
            for (int i = 0; i < n; i++) {
                if (taken[i]) {
                    continue;
                }
                int count =
                        (int) neighbours.get(i).stream().filter(j -> !taken[j]).count();
                if (count > bestCount) {
                    best = i;
                    bestCount = count;
                }
            }
            if (best < 0 || bestCount < minSize) {
                break;
            }
            List<Integer> members =
                    neighbours.get(best).stream().filter(j -> !taken[j]).toList();
            members.forEach(j -> taken[j] = true);
            clusters.add(members);
        }
        List<Group> groups = new ArrayList<>();
        Set<String> usedNames = new HashSet<>();
        knownIntents.forEach(k -> usedNames.add(k.value()));
        int grouped = 0;
        for (List<Integer> members : clusters) {
            grouped += members.size();
            float[] centre = centroid(members, vectors);
            List<Integer> byCloseness = members.stream()
                    .sorted(Comparator.comparingDouble((Integer j) -> -cosine(vectors.get(j), centre))
                            .thenComparing(j -> j))
                    .toList();
            List<String> texts =
                    byCloseness.stream().map(j -> recent.get(j).text()).toList();
            String name =
                    unique(suggestName(texts, recent.stream().map(Message::text).toList()), usedNames);
            usedNames.add(name);
            groups.add(new Group(
                    groups.size() + 1,
                    members.size(),
                    name,
                    texts.stream().distinct().limit(3).toList(),
                    texts));
        }
        return new Report(candidates.size(), n - grouped, groups);
    }

    /** The two words most characteristic of the group (frequent in it, rarer overall), joined by underscores. */
    static String suggestName(List<String> group, List<String> all) {
        Map<String, Integer> inGroup = documentFrequency(group);
        Map<String, Integer> overall = documentFrequency(all);
        List<String> words = inGroup.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, Integer> e) -> -e.getValue()
                                / (double) group.size()
                                * Math.log(1 + all.size() / (double) overall.get(e.getKey())))
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey)
                .limit(2)
                .toList();
        return words.isEmpty() ? "new_intent" : String.join("_", words);
    }

    private static Map<String, Integer> documentFrequency(List<String> texts) {
        Map<String, Integer> df = new LinkedHashMap<>();
        for (String text : texts) {
            Set<String> seen = new HashSet<>();
            for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")) {
                if (w.length() > 2
                        && !STOPWORDS.contains(w)
                        && !w.chars().allMatch(Character::isDigit)
                        && seen.add(w)) {
                    df.merge(w.replace("'", ""), 1, Integer::sum);
                }
            }
        }
        return df;
    }

    private static String unique(String name, Set<String> used) {
        String candidate = name;
        for (int i = 2; used.contains(candidate); i++) {
            candidate = name + "_" + i;
        }
        return candidate;
    }

    private static float[] centroid(List<Integer> members, List<float[]> vectors) {
        float[] c = new float[vectors.get(members.get(0)).length];
        for (int j : members) {
            float[] v = vectors.get(j);
            for (int k = 0; k < c.length; k++) {
                c[k] += v[k];
            }
        }
        return c;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < a.length; k++) {
            dot += a[k] * b[k];
            na += a[k] * a[k];
            nb += b[k] * b[k];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
