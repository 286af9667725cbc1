package dev.chatbot.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InstancePoolTest {

    @Test
    void givesCallersAtTheSameTimeDifferentInstancesAndReusesThemAfterwards() throws Exception {
        AtomicInteger made = new AtomicInteger();
        InstancePool<Integer> pool = new InstancePool<>(made::incrementAndGet);
        Set<Integer> inUse = ConcurrentHashMap.newKeySet();
        CountDownLatch allInside = new CountDownLatch(3);
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try {
            List<Future<Boolean>> exclusive = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                exclusive.add(callers.submit(() -> pool.with(instance -> {
                    boolean alone = inUse.add(instance);
                    allInside.countDown();
                    try {
                        allInside.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return alone;
                })));
            }
            for (Future<Boolean> f : exclusive) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(made.get()).isEqualTo(3);
        for (int i = 0; i < 10; i++) {
            int reused = pool.with(instance -> instance);
            assertThat(reused).isBetween(1, 3);
        }
        assertThat(made.get()).isEqualTo(3);
    }
}
