/**
 * Messaging channels' data beside the transcripts: where each channel conversation is delivered (which customer it
 * belongs to) and the outbox of messages not yet delivered; the {@link dev.chatbot.channel.ChannelStore} port.
 */
package dev.chatbot.channel;
