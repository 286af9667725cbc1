/**
 * Finds personal data (card numbers, IBANs, e-mail addresses, phone numbers, national ID numbers) in free text, in
 * linear time, and masks it before the text is stored.
 */
package dev.chatbot.redaction;
