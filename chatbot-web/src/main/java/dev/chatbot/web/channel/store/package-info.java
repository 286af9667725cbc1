/** Shared JSON of the {@link dev.chatbot.web.channel.ChannelStore} adapters. */
package dev.chatbot.web.channel.store;
