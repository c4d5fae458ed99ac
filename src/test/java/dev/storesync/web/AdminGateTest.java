package dev.storesync.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdminGateTest {
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "127.0.0.1, true",
        "127.8.9.10, true",
        "0:0:0:0:0:0:0:1, true",
        "::1, true",
        "10.0.0.5, false",
        "192.168.1.20, false",
        "203.0.113.9, false",
        "fe80::1%eth0, false",
        "localhost, false"
    })
    void onlyLoopbackAddressesCountAsThisMachine(String address, boolean loopback) {
        assertThat(AdminGate.loopback(address)).isEqualTo(loopback);
    }
}
