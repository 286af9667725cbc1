package dev.chatbot.insights;

import dev.chatbot.insights.sqlite.SqliteInsightsSource;

/** Every insights test again, counted by the embedded database instead of folding the logs. */
class SqliteInsightsSourceTest extends InsightsTest {

    @Override
    protected InsightsSource source() {
        return new SqliteInsightsSource(db, store);
    }
}
