/**
 * The embedded store: one SQLite database file in the data directory ({@link
 * dev.chatbot.transcript.sqlite.SqliteDatabase}, shared by every embedded adapter) and the transcript store on it.
 * Schema in {@code db/sqlite/}, migrated by Flyway.
 */
package dev.chatbot.transcript.sqlite;
