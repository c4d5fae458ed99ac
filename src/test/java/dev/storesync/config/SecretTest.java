package dev.storesync.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretTest {
    @Test
    void neverPrintsItself() {
        Secret secret = Secret.of("super-secret-value");

        assertThat(secret.toString()).isEqualTo("****");
        assertThat(String.valueOf(secret)).doesNotContain("super");
        assertThat(secret.fingerprint()).startsWith("sha256:").doesNotContain("super");
    }

    @Test
    void matchesOnlyTheExactValue() {
        Secret secret = Secret.of("super-secret-value");

        assertThat(secret.matches("super-secret-value")).isTrue();
        assertThat(secret.matches("super-secret-valuE")).isFalse();
        assertThat(secret.matches("super-secret-value ")).isFalse();
        assertThat(secret.matches("")).isFalse();
        assertThat(secret.matches(null)).isFalse();
    }
}
