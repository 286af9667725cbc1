package dev.chatbot.web.hours;

import dev.chatbot.hours.HoursSource;
import dev.chatbot.hours.OpeningHours;
import dev.chatbot.web.console.agent.AgentAccounts;
import dev.chatbot.web.console.agent.ConsoleStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The opening hours in force: what an admin saved in the console (on the store, so every instance sees an edit:
 * this one at once, the others within {@link #REREAD}), else the configured {@code chatbot.hours}. They are asked
 * for on every customer message, so the saved ones are read from the store at most once per {@link #REREAD}. When
 * the store cannot be read the configured hours apply, so a store outage never reads as "always open" or "always
 * closed" on its own. Blocking; thread-safe.
 */
public final class OpeningHoursDesk implements HoursSource {

    private static final Logger log = LoggerFactory.getLogger(OpeningHoursDesk.class);

    private final ConsoleStore store;
    private final OpeningHours configured;
    private final AgentAccounts accounts;
    private final Clock clock;
    private final AtomicReference<Saved> saved = new AtomicReference<>();

    /** How long the hours read from the store are used before they are read again. */
    static final Duration REREAD = Duration.ofSeconds(1);

    /** What the store held ({@code hours} empty: nothing saved) when it was read. */
    private record Saved(Optional<OpeningHours> hours, long readAtNanos) {}

    public OpeningHoursDesk(ConsoleStore store, OpeningHours configured, AgentAccounts accounts, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.configured = Objects.requireNonNull(configured, "configured");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public OpeningHours current() {
        try {
            return saved().orElse(configured);
        } catch (RuntimeException e) {
            log.warn("Could not read the saved opening hours; the configured ones apply", e);
            return configured;
        }
    }

    /** Whether the hours in force were saved in the console (else they are the configured ones). */
    public boolean edited() {
        return saved().isPresent();
    }

    private Optional<OpeningHours> saved() {
        Saved last = saved.get();
        long now = System.nanoTime();
        if (last != null && now - last.readAtNanos() < REREAD.toNanos()) {
            return last.hours();
        }
        Saved read = new Saved(store.hours(), now);
        // a save since this read began wins: the read may hold the hours it replaced
        return saved.compareAndSet(last, read) ? read.hours() : saved.get().hours();
    }

    public OpeningHours configured() {
        return configured;
    }

    /** Saves hours an admin edited; they apply from the next decision on here, within {@link #REREAD} elsewhere. */
    public OpeningHours save(OpeningHours hours) {
        store.saveHours(hours);
        saved.set(new Saved(Optional.of(hours), System.nanoTime()));
        return hours;
    }

    /** Whether the team is in now, whether anyone is online, and when the team is next in. */
    public Availability availability() {
        Instant now = clock.instant();
        OpeningHours hours = current();
        boolean open = hours.isOpen(now);
        boolean online = open && !accounts.online().isEmpty();
        return new Availability(open, online, open ? Optional.empty() : hours.nextOpening(now));
    }

    /** {@code open}: within opening hours; {@code agentsOnline}: and someone is online; {@code nextOpening} when closed. */
    public record Availability(boolean open, boolean agentsOnline, Optional<ZonedDateTime> nextOpening) {}
}
