/**
 * Conversations: for each inbound message classify, decide ({@link dev.chatbot.conversation.EscalationPolicy})
 * and act, recording everything as transcript events; and the agent side of the handoff (queue, claim,
 * reply, label, resolve, hand back).
 */
package dev.chatbot.conversation;
