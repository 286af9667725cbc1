/** Deeplearning4j adapter: a feed-forward network over sentence embeddings and hashed n-grams. */
package dev.chatbot.intent.dl4j;
