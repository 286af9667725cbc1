/** Evaluation through the classifier port: accuracy, escalation quality and latency, as a report. */
package dev.chatbot.evaluation;
