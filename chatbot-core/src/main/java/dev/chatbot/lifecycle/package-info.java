/**
 * The data lifecycle: a retention period on every store ({@link dev.chatbot.lifecycle.Retention}), erasure of a
 * conversation or of one customer everywhere ({@link dev.chatbot.lifecycle.Erasure}), export of a customer's data
 * and of conversations for analysis ({@link dev.chatbot.lifecycle.Exports}). It works on every holder of
 * per-conversation data alike ({@link dev.chatbot.transcript.ConversationData}).
 */
package dev.chatbot.lifecycle;
