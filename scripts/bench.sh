#!/usr/bin/env bash
# Runs the intent-engine and redaction benchmarks on purpose (not part of ./chatbot test).
#   scripts/bench.sh [banking77|latency|events|redaction|languages|all|scope|marks|loop|loop-oos]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DATA=${BANKING77:-../shared/datasets/banking77}
mvn -B -q -DskipTests package
mkdir -p target/bench # the reports and JMH result files go here
CP="chatbot-bench/target/classes:$(cat chatbot-bench/target/classpath.txt)"
JAVA="java -Xmx6g -XX:+UseParallelGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn"
case "${1:-all}" in
  banking77|all)
    $JAVA -cp "$CP" dev.chatbot.bench.Banking77Benchmark "$DATA/train.csv" "$DATA/test.csv" target/bench ;;&
  latency|all)
    $JAVA -cp "$CP" dev.chatbot.bench.LatencyBenchmark models/current training-data/test.csv 10 ;;&
  scope)
    # features of the in-scope score on BANKING77-OOS (calibration, valid, test) for analysis outside the build
    OOS=${BANKING77_OOS:-../shared/datasets/banking77-oos}
    $JAVA -cp "$CP" dev.chatbot.bench.ScopeFeatures "$OOS/train.csv" 0.35 target/bench/scope "$OOS/valid.csv" "$OOS/test.csv" ;;
  marks)
    # the shop's marks: train on BANKING77-OOS train.csv, play valid.csv as labelled traffic (its out_of_scope rows
    # marked "not covered" by the agent), then retrain from those transcripts as a user runs it
    OOS=${BANKING77_OOS:-../shared/datasets/banking77-oos}
    W=target/bench/marks; rm -rf "$W"; mkdir -p "$W"
    ./chatbot train --data "$OOS/train.csv" --out "$W/models" --test "$OOS/test.csv" --oos-label out_of_scope
    $JAVA -cp "$CP" dev.chatbot.bench.ReplayTraffic "$W/models/current" "$OOS/valid.csv" "$W/var"
    ./chatbot retrain --data "$OOS/train.csv" --test "$OOS/test.csv" --data-dir "$W/var" --models "$W/models" ;;
  loop)
    $JAVA -cp "$CP" dev.chatbot.bench.LearningLoopSimulation banking77 ../shared/datasets docs/benchmarks.md ;;
  loop-oos)
    $JAVA -cp "$CP" dev.chatbot.bench.LearningLoopSimulation banking77-oos ../shared/datasets docs/benchmarks.md ;;
  events|all)
    # JMH: reading a stored event in one pass vs the general (tree) path, measured in the same run
    $JAVA -cp "$CP" org.openjdk.jmh.Main EventJsonBenchmark ;;&
  redaction|all)
    # JMH: 2,000 characters of ordinary text against the worst inputs the property suite found, same run
    $JAVA -cp "$CP" org.openjdk.jmh.Main RedactionBenchmark -rf json -rff target/bench/redaction.json ;;&
  languages|all)
    # JMH: classification of the held-out messages with and without language detection first, same run (p50/p99)
    mkdir -p target/bench
    $JAVA -cp "$CP" org.openjdk.jmh.Main LanguageDetectionBenchmark -rf json -rff target/bench/languages.json ;;
esac
