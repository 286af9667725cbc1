/** Lettuce connection set-up shared by the web layer's Redis adapters. */
package dev.chatbot.web.redis;
