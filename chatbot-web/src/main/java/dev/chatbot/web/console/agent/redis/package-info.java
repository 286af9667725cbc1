/** The console store in Redis hashes (shared by every instance). */
package dev.chatbot.web.console.agent.redis;
