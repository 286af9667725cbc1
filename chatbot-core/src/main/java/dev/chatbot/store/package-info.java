/**
 * Chooses the backend the configuration names (the embedded database or Redis) and opens every store of the process
 * on it ({@link dev.chatbot.store.Stores}).
 */
package dev.chatbot.store;
