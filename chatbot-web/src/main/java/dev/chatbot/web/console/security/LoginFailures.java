package dev.chatbot.web.console.security;

import java.time.Duration;

/**
 * Failed console logins and lockouts by key ({@code account:<name>}, {@code address:<ip>}), for
 * {@link LoginThrottle}. Adapters: {@link MemoryLoginFailures} (one instance) and
 * {@link dev.chatbot.web.console.security.redis.RedisLoginFailures} (shared by every instance, so a script cannot
 * multiply its tries by the number of instances).
 *
 * <p>Contract: {@link #failed} counts atomically and forgets a key {@code remember} after its last failure;
 * {@link #lock} replaces any lock of the key; {@link #locked} is zero for a key that is not locked (or no longer).
 * Keys are any strings of up to a few hundred chars. Storage failures throw unchecked exceptions. Thread-safe.
 */
public interface LoginFailures {

    /** Records a failure of {@code key}; returns its failures within {@code remember} of each other, this one included. */
    long failed(String key, Duration remember);

    /** Locks {@code key} for {@code duration} from now. */
    void lock(String key, Duration duration);

    /** How long {@code key} stays locked; zero when it is not. */
    Duration locked(String key);

    /** Forgets the failures and the lock of {@code key}. */
    void clear(String key);
}
