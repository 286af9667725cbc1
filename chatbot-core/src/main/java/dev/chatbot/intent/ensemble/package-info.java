/** The ensemble: calibrated probabilities of several model families combined, and the escalation threshold. */
package dev.chatbot.intent.ensemble;
