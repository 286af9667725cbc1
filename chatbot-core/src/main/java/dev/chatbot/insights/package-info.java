/** Insights for the business: containment, escalations, intents, feedback, unmet needs and model versions over a period. */
package dev.chatbot.insights;
