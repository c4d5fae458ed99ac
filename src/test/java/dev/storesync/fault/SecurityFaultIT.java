package dev.storesync.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storesync.testsupport.FaultRig;
import dev.storesync.testsupport.ServiceProcess;
import dev.storesync.testsupport.Webhooks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 8: the admin API, the status page, the management port and Jolokia refuse callers without the right
 * credentials, a webhook without the right secret is refused, and (checked by the rig for every scenario) no secret
 * value reaches a log line.
 */
@Tag("fault")
class SecurityFaultIT {
    private static final Optional<String> RIGHT =
            Optional.of(ServiceProcess.basic(FaultRig.ADMIN_USER, FaultRig.ADMIN_PASSWORD));
    private static final Optional<String> WRONG = Optional.of(ServiceProcess.basic(FaultRig.ADMIN_USER, "guess"));
    private static final Optional<String> OTHER_USER =
            Optional.of(ServiceProcess.basic("admin", FaultRig.ADMIN_PASSWORD));

    @TempDir
    Path dir;

    @Test
    void everyGuardedDoorRefusesWrongCredentials() throws Exception {
        try (FaultRig rig = FaultRig.start(dir, false)) {
            ServiceProcess service = rig.startService(rig.environment());
            List<Door> doors = List.of(
                    new Door(service.port(), "/admin/api/status"),
                    new Door(service.port(), "/admin/"),
                    new Door(service.port(), "/admin/api/reconcile"),
                    new Door(service.managementPort(), "/observe/metrics"),
                    new Door(service.managementPort(), "/observe/jolokia/version"),
                    new Door(service.managementPort(), "/observe/health"));
            for (Door door : doors) {
                for (Optional<String> credentials : List.of(Optional.<String>empty(), WRONG, OTHER_USER)) {
                    assertThat(service.get(door.port(), door.path(), credentials)
                                    .statusCode())
                            .as("%s with %s", door.path(), credentials.isEmpty() ? "no credentials" : "wrong ones")
                            .isEqualTo(401);
                }
                assertThat(service.get(door.port(), door.path(), RIGHT).statusCode())
                        .as("%s with the right credentials", door.path())
                        .isNotIn(401, 403);
            }

            // guessing: five wrong passwords in a row lock the address for a while, the right one included
            Door admin = doors.get(0);
            for (int guess = 0; guess < 5; guess++) {
                assertThat(service.get(admin.port(), admin.path(), WRONG).statusCode())
                        .isEqualTo(401);
            }
            assertThat(service.get(admin.port(), admin.path(), RIGHT).statusCode())
                    .isEqualTo(429);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> service.get(admin.port(), admin.path(), RIGHT).statusCode() == 200);
            assertThat(service.output())
                    .contains("admin login failed from 127.0.0.1")
                    .contains("admin login failed 5 times in a row from 127.0.0.1");

            String event = Webhooks.product("updated", 4242, 1_700_000_000L);
            assertThat(service.postWebhook(event, "").statusCode()).isEqualTo(401);
            assertThat(service.postWebhook(event, "wrong-secret-SHOULD-NOT-LEAK")
                            .statusCode())
                    .isEqualTo(401);
            assertThat(service.postWebhook(event).statusCode()).isEqualTo(200);
            service.terminate();
        }
    }

    private record Door(int port, String path) {}
}
