/** Removes personal data (card numbers, e-mail addresses, phone numbers) from text before it is stored. */
package dev.chatbot.redaction;
