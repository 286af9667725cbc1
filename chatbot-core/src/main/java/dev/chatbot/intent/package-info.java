/** Intent classification: the port, its value types, and the text pipeline contract shared by all model families. */
package dev.chatbot.intent;
