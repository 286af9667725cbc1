/**
 * Benchmarks and fault scenarios run on purpose (never in the test run): BANKING77 accuracy, latency, throughput,
 * crashes and outages.
 */
package dev.chatbot.bench;
