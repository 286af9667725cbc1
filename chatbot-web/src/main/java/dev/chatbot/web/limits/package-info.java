/**
 * Fair shares of the service: who the client is behind trusted proxies (IPv6 per /64), request rates per client
 * address and per conversation, caps on open conversations and event streams per address, request body limits.
 */
package dev.chatbot.web.limits;
