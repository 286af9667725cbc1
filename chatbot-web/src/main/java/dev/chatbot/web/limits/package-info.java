/** Rate limits per conversation and per client address, and request body limits. */
package dev.chatbot.web.limits;
