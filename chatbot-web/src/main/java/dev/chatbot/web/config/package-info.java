/** Configuration bound once ({@code chatbot.*}) and the beans that wire core ports to adapters. */
package dev.chatbot.web.config;
