/** HTTP plumbing shared by every handler: JSON request and response bodies without per-request codec negotiation. */
package dev.chatbot.web.http;
