/** Every refusal as a JSON error body with the right status. */
package dev.chatbot.web.error;
