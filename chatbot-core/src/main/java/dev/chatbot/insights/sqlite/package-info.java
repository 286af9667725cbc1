/** Insights counted by the embedded SQLite database. */
package dev.chatbot.insights.sqlite;
