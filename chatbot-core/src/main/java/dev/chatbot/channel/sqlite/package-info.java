/** The channel store in the embedded SQLite database. */
package dev.chatbot.channel.sqlite;
