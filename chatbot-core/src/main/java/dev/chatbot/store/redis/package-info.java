/**
 * The Redis transcript store (Lettuce, sync and async APIs only): a stream per conversation log, a hash per
 * conversation state, a sorted set for the queue, pub/sub for live events. Key layout in docs/events.md.
 */
package dev.chatbot.store.redis;
