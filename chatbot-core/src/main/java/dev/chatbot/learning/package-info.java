/**
 * The learning loop: labelled evidence from transcripts, retraining with a promotion gate, and unmet needs
 * (customer questions no intent covers, grouped into suggested new intents).
 */
package dev.chatbot.learning;
