/** Micrometer metrics of conversations, classification and delivery (exported at /actuator/prometheus). */
package dev.chatbot.web.metrics;
