/** Sentence embeddings used as input features: the encoder port. */
package dev.chatbot.intent.embedding;
