/** The shared inbound pipeline of every channel: classify off the event loop, decide, act, count. */
package dev.chatbot.web.pipeline;
