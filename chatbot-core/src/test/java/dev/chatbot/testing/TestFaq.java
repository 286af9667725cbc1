package dev.chatbot.testing;

import dev.chatbot.data.IntentDefinition;
import dev.chatbot.intent.IntentName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A tiny FAQ for unit tests, shaped like the shipped one. */
public final class TestFaq {

    public static final String ORDER_STATUS_ANSWER = "You can track your order under My orders.";
    public static final String HUMAN_REQUEST_ANSWER = "Of course! I'm fetching a member of our team for you now.";
    public static final String COMPLAINT_ANSWER = "I'm sorry. I'm passing this to our customer care team now.";

    private TestFaq() {}

    public static Map<IntentName, IntentDefinition> definitions() {
        Map<IntentName, IntentDefinition> faq = new LinkedHashMap<>();
        add(faq, "greeting", "smalltalk", "Hello! How can I help?", false);
        add(faq, "order_status", "orders", ORDER_STATUS_ANSWER, false);
        add(faq, "shipping_cost", "shipping", "Shipping is free over 50 EUR.", false);
        add(faq, "return_policy", "returns", "You can return items within 30 days.", false);
        add(faq, "human_request", "smalltalk", HUMAN_REQUEST_ANSWER, false);
        add(faq, "complaint_formal", "escalation", COMPLAINT_ANSWER, true);
        add(faq, "no_answer_yet", "misc", "", false);
        return faq;
    }

    private static void add(
            Map<IntentName, IntentDefinition> faq, String name, String category, String answer, boolean alwaysHuman) {
        IntentName intent = IntentName.of(name);
        faq.put(intent, new IntentDefinition(intent, category, answer, List.of(), alwaysHuman));
    }
}
