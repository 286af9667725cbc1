/** Loads the promoted intent model the service answers with. */
package dev.chatbot.web.model;
