/** The agent handoff console: live queue, presence, claiming, replies, labels, resolving and handing back. */
package dev.chatbot.web.console;
