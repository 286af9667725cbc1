/** The embedded transcript store: append-only JSON-lines segment files under a data directory. */
package dev.chatbot.store.embedded;
