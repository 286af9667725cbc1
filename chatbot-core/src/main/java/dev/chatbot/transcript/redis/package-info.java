/**
 * The Redis transcript store (Lettuce, sync and async APIs only): a stream per conversation log, a hash per
 * conversation state, a sorted set for the queue, pub/sub for live events; and the one Lettuce set-up every Redis
 * adapter of a process shares ({@link dev.chatbot.transcript.redis.RedisConnections}). Key layout in docs/events.md.
 */
package dev.chatbot.transcript.redis;
