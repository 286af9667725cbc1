/** The OpenAPI document of the chat API and webhooks. */
package dev.chatbot.web.docs;
