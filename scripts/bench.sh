#!/usr/bin/env bash
# Runs the intent-engine and redaction benchmarks on purpose (not part of ./chatbot test).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DATA=${BANKING77:-../shared/datasets/banking77}
mvn -B -q -DskipTests package
CP="chatbot-bench/target/classes:$(cat chatbot-bench/target/classpath.txt)"
JAVA="java -Xmx6g -XX:+UseParallelGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn"
case "${1:-all}" in
  banking77|all)
    $JAVA -cp "$CP" dev.chatbot.bench.Banking77Benchmark "$DATA/train.csv" "$DATA/test.csv" target/bench ;;&
  latency|all)
    $JAVA -cp "$CP" dev.chatbot.bench.LatencyBenchmark models/current training-data/test.csv 10 ;;&
  events|all)
    # JMH: reading a stored event in one pass vs the general (tree) path, measured in the same run
    $JAVA -cp "$CP" org.openjdk.jmh.Main EventJsonBenchmark ;;&
  redaction|all)
    # JMH: 2,000 characters of ordinary text against the worst inputs the property suite found, same run
    $JAVA -cp "$CP" org.openjdk.jmh.Main RedactionBenchmark -rf json -rff target/bench/redaction.json ;;
esac
