/** The JSON form of transcript events (schema version 1, see docs/events.md), shared by every store and the API. */
package dev.chatbot.transcript.json;
