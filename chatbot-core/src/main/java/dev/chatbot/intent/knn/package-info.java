/** A nearest-neighbour model family over sentence embeddings, in plain Java. */
package dev.chatbot.intent.knn;
