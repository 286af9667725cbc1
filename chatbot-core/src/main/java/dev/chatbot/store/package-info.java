/** Chooses and opens the configured {@link dev.chatbot.transcript.TranscriptStore} adapter (embedded or Redis). */
package dev.chatbot.store;
