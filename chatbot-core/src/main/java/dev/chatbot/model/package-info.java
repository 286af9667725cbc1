/** Model directories (self-describing, checksummed) and the versioned model repository with its current pointer. */
package dev.chatbot.model;
