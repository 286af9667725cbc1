/**
 * Transcripts as events: the append-only log per conversation, its versioned event types, the
 * {@link dev.chatbot.transcript.TranscriptStore} port, and the state derived from the log (session
 * state and handoff state machine, handoff queue, training labels).
 */
package dev.chatbot.transcript;
