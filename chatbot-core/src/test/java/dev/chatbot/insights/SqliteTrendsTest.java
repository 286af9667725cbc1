package dev.chatbot.insights;

import dev.chatbot.insights.sqlite.SqliteInsightsSource;

/** Every trends test again, counted by the embedded database instead of folding the logs. */
class SqliteTrendsTest extends TrendsTest {

    @Override
    protected InsightsSource source() {
        return new SqliteInsightsSource(db);
    }
}
