/** WhatsApp Cloud API adapter: verification handshake, signed notifications, replies through the Graph API. */
package dev.chatbot.web.channel.whatsapp;
