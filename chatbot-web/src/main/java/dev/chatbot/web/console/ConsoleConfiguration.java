package dev.chatbot.web.console;

import dev.chatbot.conversation.AgentDesk;
import dev.chatbot.conversation.QueueNotices;
import dev.chatbot.hours.HoursSource;
import dev.chatbot.store.Stores;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.web.config.ChatbotProperties;
import dev.chatbot.web.console.agent.AgentAccounts;
import dev.chatbot.web.console.agent.ConsoleStore;
import dev.chatbot.web.console.agent.redis.RedisConsoleStore;
import dev.chatbot.web.console.agent.sqlite.SqliteConsoleStore;
import dev.chatbot.web.metrics.ChatMetrics;
import dev.chatbot.web.offload.Offload;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Wires the console: its store (the embedded database or Redis, like the transcripts), accounts, the live queue and the watcher. */
@Configuration(proxyBeanMethods = false)
public class ConsoleConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ConsoleConfiguration.class);

    /** On the stores' backend: the embedded database or the shared Redis connections. */
    @Bean(destroyMethod = "close")
    ConsoleStore consoleStore(Stores stores) {
        return stores.redis()
                .<ConsoleStore>map(RedisConsoleStore::new)
                .orElseGet(() -> SqliteConsoleStore.open(
                        stores.database().orElseThrow(),
                        stores.settings().embedded().dataDir()));
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    AgentAccounts agentAccounts(
            ConsoleStore store, PasswordEncoder encoder, ChatbotProperties properties, Clock clock) {
        ChatbotProperties.Console console = properties.console();
        AgentAccounts accounts =
                new AgentAccounts(store, encoder::encode, encoder::matches, console.presenceTimeout(), clock);
        AgentId admin = AgentId.of(console.adminUsername());
        accounts.createFirstAdmin(admin, console.adminPassword()).ifPresent(password -> log.warn("""

                ================================================================================
                 Agent console: created the first admin '{}' with the one-time password
                     {}
                 Log in at /console: you will be asked to choose your own password at once,
                 and this one stops working. To start with your own, set
                 CHATBOT_CONSOLE_ADMIN_PASSWORD (10+ characters) before the first start.
                ================================================================================""", admin, password));
        return accounts;
    }

    @Bean
    QueueNotices queueNotices(TranscriptStore store, Clock clock) {
        return new QueueNotices(store, clock);
    }

    @Bean(destroyMethod = "close")
    HandoffWatcher handoffWatcher(
            TranscriptStore store,
            QueueNotices notices,
            AgentAccounts accounts,
            ChatbotProperties properties,
            Clock clock,
            HoursSource hours) {
        ChatbotProperties.Console console = properties.console();
        HandoffWatcher watcher = new HandoffWatcher(
                store,
                notices,
                accounts,
                console.nobodyOnlineMessage(),
                console.waitLimit(),
                console.leaveMessageOffer(),
                clock,
                hours);
        Duration checkEvery = console.waitLimit().dividedBy(10);
        watcher.start(checkEvery.compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : checkEvery);
        return watcher;
    }

    @Bean(destroyMethod = "close")
    QueueFeed queueFeed(TranscriptStore store) {
        return new QueueFeed(store);
    }

    /** The queue as every console here sees it, built once per change. */
    @Bean
    QueueSnapshots queueSnapshots(
            AgentDesk desk,
            TranscriptStore store,
            AgentAccounts accounts,
            QueueFeed feed,
            ChatMetrics metrics,
            Offload offload,
            Clock clock) {
        return new QueueSnapshots(desk, store, accounts, feed, metrics, offload, clock);
    }
}
