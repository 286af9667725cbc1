package dev.chatbot.web.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The service's clock in Spring tests is a {@link TestClock}, so a test can simulate the time (opening hours). */
@TestConfiguration(proxyBeanMethods = false)
public class SimulatedTime {

    @Bean
    @Primary
    TestClock testClock() {
        return new TestClock();
    }
}
