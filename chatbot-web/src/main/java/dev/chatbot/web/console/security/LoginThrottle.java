package dev.chatbot.web.console.security;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Backoff for console logins, per account and per client address. Each key has a number of free failures; every
 * failure after those locks the key, first for {@link Policy#firstLockout}, then twice as long each time, up to
 * {@link Policy#maxLockout}. While the account or the address is locked, a login is refused before the password is
 * even checked (no bcrypt work for a script). A successful login clears the account's failures; the address's
 * failures fade {@link Policy#remember} after the last one. Thread-safe; blocking (the store may be Redis).
 */
public final class LoginThrottle {

    /**
     * @param freeFailures failures before the first lockout
     * @param firstLockout the first lockout, doubled with each further failure
     * @param maxLockout   the longest lockout
     * @param remember     failures are forgotten this long after the last one
     */
    public record Policy(int freeFailures, Duration firstLockout, Duration maxLockout, Duration remember) {
        public Policy {
            if (freeFailures < 1) {
                throw new IllegalArgumentException("freeFailures must be at least 1: " + freeFailures);
            }
            Objects.requireNonNull(firstLockout, "firstLockout");
            Objects.requireNonNull(maxLockout, "maxLockout");
            Objects.requireNonNull(remember, "remember");
        }

        /** The lockout after {@code failures} failures: zero while they are free. */
        Duration lockoutAfter(long failures) {
            long over = failures - freeFailures;
            if (over <= 0) {
                return Duration.ZERO;
            }
            Duration lockout = firstLockout.multipliedBy(1L << Math.min(over - 1, 30));
            return lockout.compareTo(maxLockout) > 0 ? maxLockout : lockout;
        }
    }

    private final LoginFailures failures;
    private final Policy perAccount;
    private final Policy perAddress;

    public LoginThrottle(LoginFailures failures, Policy perAccount, Policy perAddress) {
        this.failures = Objects.requireNonNull(failures, "failures");
        this.perAccount = Objects.requireNonNull(perAccount, "perAccount");
        this.perAddress = Objects.requireNonNull(perAddress, "perAddress");
    }

    /** How long logins to {@code account} from {@code address} are refused; zero when they are not. */
    public Duration lockedFor(String account, String address) {
        Duration a = accountLockedFor(account);
        Duration b = addressLockedFor(address);
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** How long logins to {@code account} are refused, from any address; zero when they are not. */
    public Duration accountLockedFor(String account) {
        return failures.locked(accountKey(account));
    }

    /** How long logins from {@code address} are refused, whatever the account; zero when they are not. */
    public Duration addressLockedFor(String address) {
        return failures.locked(addressKey(address));
    }

    /** Records a failed login; returns the lockout it caused (zero when the failure was still free). */
    public Duration failed(String account, String address) {
        Duration a = count(accountKey(account), perAccount);
        Duration b = count(addressKey(address), perAddress);
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** A successful login: the account's failures are forgotten. */
    public void succeeded(String account) {
        failures.clear(accountKey(account));
    }

    private Duration count(String key, Policy policy) {
        Duration lockout = policy.lockoutAfter(failures.failed(key, policy.remember()));
        if (!lockout.isZero()) {
            failures.lock(key, lockout);
        }
        return lockout;
    }

    private static String accountKey(String account) {
        String name = account == null ? "" : account.strip().toLowerCase(Locale.ROOT);
        return "account:" + (name.length() > 100 ? name.substring(0, 100) : name);
    }

    private static String addressKey(String address) {
        return "address:" + (address == null ? "unknown" : address);
    }
}
