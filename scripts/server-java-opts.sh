# The server's JVM settings, shared by ./chatbot serve and every script that starts a server (sourced, not run):
# a 2 GB heap and G1 aiming at 30-ms pauses. With G1's default goal (200 ms) young collections took up to 160 ms
# under load, which is what a customer's p99 saw; at 30 ms the chat throughput is the same (docs/service-benchmarks.md).
# JAVA_OPTS_SERVE replaces them.
SERVER_HEAP_GC="-Xmx2g -XX:MaxGCPauseMillis=30"
SERVER_JAVA_OPTS="${JAVA_OPTS_SERVE:-$SERVER_HEAP_GC}"
