/** The all-MiniLM-L6-v2 (quantised) encoder run in-process by ONNX Runtime through langchain4j. */
package dev.chatbot.intent.embedding.onnx;
