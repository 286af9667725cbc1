/** {@link dev.chatbot.web.channel.ChannelStore} in Redis (Lettuce), shared by several instances. */
package dev.chatbot.web.channel.store.redis;
