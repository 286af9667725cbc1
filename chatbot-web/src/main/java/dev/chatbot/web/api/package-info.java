/** The chat API (DESIGN.md §7) used by the website widget: conversations, messages, events, live stream, feedback. */
package dev.chatbot.web.api;
