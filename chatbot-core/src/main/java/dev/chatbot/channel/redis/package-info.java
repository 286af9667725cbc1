/** The channel store in Redis (Lettuce). */
package dev.chatbot.channel.redis;
