package dev.chatbot.web.limits;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who the client of a request is, for every per-address limit (request rate, open conversations, event streams,
 * console logins). Behind a reverse proxy every request comes from the proxy, so {@code X-Forwarded-For} and
 * {@code Forwarded} are read, but only when the connection comes from a configured trusted proxy; the client is
 * then the right-most address in the chain that is not itself a trusted proxy (the left part of the chain is
 * whatever the client wrote and proves nothing). From anyone else those headers are ignored.
 *
 * <p>The result is a limit key: an IPv4 address as it is, an IPv6 address as its /64 network ({@code
 * 2001:db8:1:2::/64}), since one subscriber usually gets a whole /64 and could otherwise take a fresh address per
 * request. Computed once per request and kept in the exchange. Thread-safe.
 */
public final class ClientRequests {

    private static final String ATTRIBUTE = ClientRequests.class.getName() + ".client";
    private static final Pattern FORWARDED_FOR = Pattern.compile("(?i)(?:^|[;\\s])for=(\"[^\"]*\"|[^;,\\s]*)");
    private static final int MAX_HOPS = 32;

    private final List<Network> trusted;

    /** @param trustedProxies addresses or CIDR networks ({@code 10.0.0.0/8}, {@code ::1}, {@code fd00::/8}) */
    public ClientRequests(List<String> trustedProxies) {
        List<Network> networks = new ArrayList<>();
        for (String entry : trustedProxies) {
            if (entry != null && !entry.isBlank()) {
                networks.add(Network.parse(entry.strip()));
            }
        }
        this.trusted = List.copyOf(networks);
    }

    /** The client's limit key for {@code exchange}, computed on the first call. */
    public String of(ServerWebExchange exchange) {
        Object known = exchange.getAttribute(ATTRIBUTE);
        if (known instanceof String key) {
            return key;
        }
        String key = of(exchange.getRequest());
        exchange.getAttributes().put(ATTRIBUTE, key);
        return key;
    }

    /** The client's limit key for {@code request}: see the class comment. */
    public String of(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress peer = remote == null ? null : remote.getAddress();
        if (peer == null) {
            return "unknown";
        }
        InetAddress client = peer;
        if (isTrusted(peer)) {
            List<String> chain = chain(request.getHeaders());
            for (int i = chain.size() - 1; i >= 0; i--) {
                InetAddress hop = literal(chain.get(i));
                if (hop == null) {
                    break; // "unknown", an obfuscated name or garbage: the last trusted hop is as far as we can see
                }
                client = hop;
                if (!isTrusted(hop)) {
                    break;
                }
            }
        }
        return key(client);
    }

    /** The limit key of one address: IPv4 as it is, IPv6 as its /64. */
    public static String key(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] bytes = v6.getAddress();
            if (isV4Mapped(bytes)) {
                return (bytes[12] & 0xff) + "." + (bytes[13] & 0xff) + "." + (bytes[14] & 0xff) + "."
                        + (bytes[15] & 0xff);
            }
            return String.format(
                    "%x:%x:%x:%x::/64", hextet(bytes, 0), hextet(bytes, 2), hextet(bytes, 4), hextet(bytes, 6));
        }
        return address.getHostAddress();
    }

    private static int hextet(byte[] bytes, int at) {
        return ((bytes[at] & 0xff) << 8) | (bytes[at + 1] & 0xff);
    }

    boolean isTrusted(InetAddress address) {
        for (Network network : trusted) {
            if (network.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The forwarding chain, left (the first client as claimed) to right (the hop before the connecting proxy). */
    private static List<String> chain(HttpHeaders headers) {
        List<String> chain = new ArrayList<>();
        List<String> forwarded = headers.get("Forwarded");
        if (forwarded != null && !forwarded.isEmpty()) {
            for (String header : forwarded) {
                for (String element : header.split(",")) {
                    var m = FORWARDED_FOR.matcher(element);
                    chain.add(m.find() ? m.group(1) : "");
                }
            }
        } else {
            List<String> xff = headers.get("X-Forwarded-For");
            if (xff != null) {
                for (String header : xff) {
                    for (String hop : header.split(",")) {
                        chain.add(hop.strip());
                    }
                }
            }
        }
        return chain.size() > MAX_HOPS ? chain.subList(chain.size() - MAX_HOPS, chain.size()) : chain;
    }

    /**
     * An IP literal as proxies write it ({@code 203.0.113.7}, {@code 203.0.113.7:4711}, {@code [2001:db8::1]:4711},
     * {@code "[2001:db8::1]"}, bare {@code 2001:db8::1}); null for anything else, never a DNS lookup.
     */
    static InetAddress literal(String hop) {
        String s = hop.strip();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            if (end < 0) {
                return null;
            }
            s = s.substring(1, end);
        } else if (s.indexOf(':') > 0 && s.indexOf(':') == s.lastIndexOf(':') && s.indexOf('.') > 0) {
            s = s.substring(0, s.indexOf(':')); // IPv4 with a port
        }
        if (s.isEmpty() || s.length() > 45 || !s.matches("[0-9A-Fa-f:.]+") || s.indexOf('%') >= 0) {
            return null;
        }
        boolean v6 = s.indexOf(':') >= 0;
        if (!v6 && !s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return null;
        }
        try {
            return InetAddress.getByName(s); // a literal: parsed, not looked up
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    /** An address or CIDR network. */
    record Network(byte[] prefix, int bits) {

        static Network parse(String text) {
            String[] parts = text.split("/", 2);
            InetAddress address = literal(parts[0].contains(":") ? "[" + parts[0] + "]" : parts[0]);
            if (address == null) {
                throw new IllegalArgumentException(
                        "chatbot.limits.trusted-proxies: not an IP address or network: " + text);
            }
            byte[] bytes = address.getAddress();
            int bits = bytes.length * 8;
            if (parts.length == 2) {
                try {
                    bits = Integer.parseInt(parts[1].strip());
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > bytes.length * 8) {
                    throw new IllegalArgumentException(
                            "chatbot.limits.trusted-proxies: bad prefix length in " + text.toLowerCase(Locale.ROOT));
                }
            }
            return new Network(bytes, bits);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != prefix.length) {
                if (address instanceof Inet6Address && prefix.length == 4 && isV4Mapped(bytes)) {
                    bytes = Arrays.copyOfRange(bytes, 12, 16);
                } else if (address instanceof Inet4Address && prefix.length == 16 && isV4Mapped(prefix)) {
                    return new Network(Arrays.copyOfRange(prefix, 12, 16), Math.max(0, bits - 96)).contains(address);
                } else {
                    return false;
                }
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (bytes[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (bytes[full] & mask) == (prefix[full] & mask);
        }
    }
}
