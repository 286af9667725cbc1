package dev.chatbot.testing;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/**
 * Counts the reachable instances of a class in this JVM with HotSpot's {@code GC.class_histogram} diagnostic
 * command, which runs a full collection first: a count that grows shows objects something still holds.
 */
public final class LiveInstances {

    private LiveInstances() {}

    public static long of(Class<?> type) {
        try {
            String histogram = (String) ManagementFactory.getPlatformMBeanServer()
                    .invoke(
                            new ObjectName("com.sun.management:type=DiagnosticCommand"),
                            "gcClassHistogram",
                            new Object[] {null},
                            new String[] {String[].class.getName()});
            for (String line : histogram.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 4 && f[3].equals(type.getName())) {
                    return Long.parseLong(f[1]);
                }
            }
            return 0;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the class histogram (HotSpot only)", e);
        }
    }
}
