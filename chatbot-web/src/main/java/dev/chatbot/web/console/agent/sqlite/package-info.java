/** The console store in the embedded SQLite database. */
package dev.chatbot.web.console.agent.sqlite;
