/** Redis adapter of the model promotion notices (Lettuce pub/sub). */
package dev.chatbot.model.redis;
