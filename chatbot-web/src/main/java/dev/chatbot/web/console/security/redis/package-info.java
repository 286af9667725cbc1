/** Login failures and lockouts in Redis, shared by every instance. */
package dev.chatbot.web.console.security.redis;
