/** Telegram Bot API adapter: secret-token webhook, replies through the Bot API. */
package dev.chatbot.web.channel.telegram;
