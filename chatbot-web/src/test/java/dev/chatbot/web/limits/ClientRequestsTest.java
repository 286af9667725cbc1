package dev.chatbot.web.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ClientRequestsTest {

    private final ClientRequests behindProxies = new ClientRequests(List.of("10.0.0.0/8", "192.0.2.7", "fd00::/8"));

    private static MockServerHttpRequest from(String remote, String... headers) {
        MockServerHttpRequest.BaseBuilder<?> request =
                MockServerHttpRequest.get("/api/v1/conversations").remoteAddress(new InetSocketAddress(remote, 40000));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.build();
    }

    @Test
    void withoutATrustedProxyTheConnectingAddressIsTheClientWhateverTheHeadersSay() {
        ClientRequests direct = new ClientRequests(List.of());
        assertThat(direct.of(from("203.0.113.5", "X-Forwarded-For", "198.51.100.1")))
                .isEqualTo("203.0.113.5");
        assertThat(direct.of(from("203.0.113.5", "Forwarded", "for=198.51.100.1")))
                .isEqualTo("203.0.113.5");
        // an untrusted client cannot pick its bucket either
        assertThat(behindProxies.of(from("203.0.113.5", "X-Forwarded-For", "198.51.100.1")))
                .isEqualTo("203.0.113.5");
    }

    @Test
    void fromATrustedProxyTheRightMostUntrustedAddressIsTheClient() {
        assertThat(behindProxies.of(from("10.1.2.3", "X-Forwarded-For", "198.51.100.1")))
                .isEqualTo("198.51.100.1");
        // the client wrote "1.1.1.1" itself; the proxy appended the address it saw
        assertThat(behindProxies.of(from("10.1.2.3", "X-Forwarded-For", "1.1.1.1, 198.51.100.1")))
                .isEqualTo("198.51.100.1");
        // two trusted hops: the CDN (192.0.2.7) forwarded for the client, the load balancer (10.1.2.3) for the CDN
        assertThat(behindProxies.of(from("10.1.2.3", "X-Forwarded-For", "6.6.6.6, 198.51.100.1, 192.0.2.7")))
                .isEqualTo("198.51.100.1");
        assertThat(behindProxies.of(from("10.1.2.3", "X-Forwarded-For", "198.51.100.1:4711")))
                .isEqualTo("198.51.100.1");
        assertThat(behindProxies.of(from("10.1.2.3"))).isEqualTo("10.1.2.3"); // a proxy's own request
    }

    @Test
    void theStandardForwardedHeaderIsReadToo() {
        assertThat(behindProxies.of(from("10.1.2.3", "Forwarded", "for=1.1.1.1, for=198.51.100.1;proto=https")))
                .isEqualTo("198.51.100.1");
        assertThat(behindProxies.of(from("10.1.2.3", "Forwarded", "for=\"[2001:db8:cafe:1::17]:4711\"")))
                .isEqualTo("2001:db8:cafe:1::/64");
        // an obfuscated or unknown hop ends what can be seen: the last trusted proxy is the client then
        assertThat(behindProxies.of(from("10.1.2.3", "Forwarded", "for=_hidden")))
                .isEqualTo("10.1.2.3");
        assertThat(behindProxies.of(from("10.1.2.3", "X-Forwarded-For", "unknown")))
                .isEqualTo("10.1.2.3");
        assertThat(behindProxies.of(from("10.1.2.3", "X-Forwarded-For", "evil.example.com")))
                .isEqualTo("10.1.2.3");
    }

    @Test
    void ipv6ClientsAreCountedPerSlash64() {
        ClientRequests direct = new ClientRequests(List.of());
        String a = direct.of(from("2001:db8:1:2::1"));
        assertThat(a).isEqualTo("2001:db8:1:2::/64");
        assertThat(direct.of(from("2001:db8:1:2:ffff:ffff:ffff:ffff"))).isEqualTo(a);
        assertThat(direct.of(from("2001:db8:1:3::1"))).isNotEqualTo(a);
        assertThat(behindProxies.of(from("fd00::1", "X-Forwarded-For", "2001:db8:1:2:abcd::9")))
                .isEqualTo(a);
        assertThat(direct.of(from("::ffff:198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(direct.of(from("::1"))).isEqualTo("0:0:0:0::/64");
    }

    @Test
    void aTrustedProxyListThatIsNotAddressesIsRefusedAtStart() {
        assertThatThrownBy(() -> new ClientRequests(List.of("proxy.internal")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chatbot.limits.trusted-proxies")
                .hasMessageContaining("proxy.internal");
        assertThatThrownBy(() -> new ClientRequests(List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10.0.0.0/33");
        assertThat(new ClientRequests(List.of("0.0.0.0/0")).of(from("203.0.113.5", "X-Forwarded-For", "198.51.100.1")))
                .isEqualTo("198.51.100.1");
    }
}
