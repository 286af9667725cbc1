/** The console's ADMIN views of the learning loop: insights with charts, and unmet needs turned into new intents. */
package dev.chatbot.web.console.insights;
