/** The HTTP server (Reactor Netty) itself: event loops and what must be answered before Spring can build a request. */
package dev.chatbot.web.server;
