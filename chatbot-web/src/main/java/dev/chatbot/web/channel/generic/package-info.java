/** The generic signed JSON webhook (DESIGN.md §7) and its signed callback delivery. */
package dev.chatbot.web.channel.generic;
