/** Benchmarks run on purpose (never in the test run): BANKING77 accuracy against a baseline, latency and throughput. */
package dev.chatbot.bench;
