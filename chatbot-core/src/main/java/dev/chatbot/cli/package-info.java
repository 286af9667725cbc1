/** The command line: thin commands (train, evaluate, models) over the core use cases. */
package dev.chatbot.cli;
