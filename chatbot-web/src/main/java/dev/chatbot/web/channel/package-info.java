/**
 * Messaging channels on one pipeline: inbound webhooks (generic, WhatsApp, Telegram) hand customer messages to
 * the {@link dev.chatbot.web.pipeline.MessagePipeline}; later messages go out through a durable outbox with
 * retries and backoff.
 */
package dev.chatbot.web.channel;
