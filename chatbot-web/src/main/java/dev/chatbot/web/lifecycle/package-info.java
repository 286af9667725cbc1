/**
 * The data lifecycle in the service: the retention sweep that runs every day, and the ADMIN console's erasure
 * requests (the core's {@code dev.chatbot.lifecycle}).
 */
package dev.chatbot.web.lifecycle;
