/** Refusals that have to be answered in Reactor Netty, before Spring's web stack can see the request. */
package dev.chatbot.web.error.netty;
