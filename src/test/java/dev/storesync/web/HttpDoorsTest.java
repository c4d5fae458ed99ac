package dev.storesync.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpDoorsTest {
    @Test
    void anOpenBusinessPortWithoutCredentialsIsWarnedAbout() {
        assertThat(HttpDoors.openWithoutCredentials("0.0.0.0", false)).hasValueSatisfying(warning -> assertThat(warning)
                .contains("every address")
                .contains("reverse proxy")
                .contains("ADMIN_USER"));
        assertThat(HttpDoors.openWithoutCredentials("10.1.2.3", false)).isPresent();
        assertThat(HttpDoors.openWithoutCredentials(null, false)).isPresent();
    }

    @Test
    void loopbackOrCredentialsNeedNoWarning() {
        assertThat(HttpDoors.openWithoutCredentials("127.0.0.1", false)).isEmpty();
        assertThat(HttpDoors.openWithoutCredentials("::1", false)).isEmpty();
        assertThat(HttpDoors.openWithoutCredentials("0.0.0.0", true)).isEmpty();
    }
}
