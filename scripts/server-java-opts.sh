# The server's JVM settings, shared by ./chatbot serve and every script that starts a server (sourced, not run):
# a 512 MB heap and G1 aiming at 30-ms pauses. The live data under load is about 170 MB even on a year-long
# database; with a 2 GB ceiling G1 grew the heap to 630 MB and the process to 1 GB. With G1's default goal (200 ms)
# young collections took up to 160 ms under load, which is what a customer's p99 saw (docs/service-benchmarks.md).
# JAVA_OPTS_SERVE replaces them.
SERVER_HEAP_GC="-Xmx512m -XX:MaxGCPauseMillis=30"
SERVER_JAVA_OPTS="${JAVA_OPTS_SERVE:-$SERVER_HEAP_GC}"
# the benches' own JVMs (load generators; service-bench's in-process baseline compares with the server under the same
# heap and collector)
BENCH_JAVA="java $SERVER_HEAP_GC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn"
