package dev.storesync.it;

import static dev.storesync.testsupport.CatalogBuilder.countBySku;
import static dev.storesync.testsupport.CatalogBuilder.create;
import static dev.storesync.testsupport.CatalogBuilder.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.storesync.queue.TaskStatus;
import dev.storesync.testsupport.HeadlessChromium;
import dev.storesync.testsupport.SyncHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page in a real browser: headless Chromium loads /admin/, shows the backlog and a dead letter, and its
 * replay button brings the dead letter back to a successful sync; its reconcile controls start, show and abort runs.
 * Screenshots are kept in target/screenshots.
 */
class StatusPageBrowserIT {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    Path dir;

    @Test
    void theStatusPageShowsADeadLetterAndReplaysIt() throws Exception {
        StringBuilder why = new StringBuilder();
        Optional<Path> chromium = HeadlessChromium.find(why);
        Assumptions.assumeTrue(chromium.isPresent(), "skipped: " + why);

        try (SyncHarness sync = SyncHarness.builder(Files.createDirectories(dir.resolve("data")))
                        .start();
                HeadlessChromium browser =
                        HeadlessChromium.start(chromium.get(), Files.createDirectories(dir.resolve("profile")));
                HeadlessChromium.Tab page = browser.open()) {
            create(sync.a(), product("Fine Mug", "PAGE-1", 10));
            long broken = create(sync.a(), product("Skuless Mug", "", 10));
            String task = "storeb:product:" + broken;
            await().atMost(Duration.ofSeconds(60)).until(() -> sync.service()
                    .queue()
                    .find(task)
                    .map(t -> t.status() == TaskStatus.DEAD)
                    .orElse(false));

            page.navigate("http://127.0.0.1:" + sync.service().port() + "/admin/");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> page.evaluate("document.querySelector('button[data-task=\"" + task + "\"]') !== null")
                            .asBoolean());
            String backlog = page.evaluate("document.getElementById('backlog').innerText")
                    .asText();
            String failures = page.evaluate("document.getElementById('failures').innerText")
                    .asText();
            page.screenshot(SCREENSHOTS.resolve("status-page.png"));

            assertThat(backlog).contains("dead letters").contains("pending");
            assertThat(failures).contains(task).contains("has no SKU");

            sync.storeA().webhooks().enabled(false);
            sync.a()
                    .products
                    .update(broken, JsonNodeFactory.instance.objectNode().put("sku", "PAGE-2"));
            sync.storeA().webhooks().enabled(true);
            page.evaluate("document.querySelector('button[data-task=\"" + task + "\"]').click()");

            sync.awaitInSync();
            assertThat(countBySku(sync.b(), "PAGE-2")).isEqualTo(1);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> page.evaluate("document.getElementById('failures').innerText")
                            .asText()
                            .contains("No failures."));
            page.screenshot(SCREENSHOTS.resolve("status-page-after-replay.png"));
        }
    }

    @Test
    void theStatusPageStartsWatchesAndAbortsAReconcile() throws Exception {
        StringBuilder why = new StringBuilder();
        Optional<Path> chromium = HeadlessChromium.find(why);
        Assumptions.assumeTrue(chromium.isPresent(), "skipped: " + why);

        try (SyncHarness sync = SyncHarness.builder(Files.createDirectories(dir.resolve("data")))
                        .property("storesync.reconcile.page-size", "2")
                        .start();
                HeadlessChromium browser =
                        HeadlessChromium.start(chromium.get(), Files.createDirectories(dir.resolve("profile")));
                HeadlessChromium.Tab page = browser.open()) {
            sync.storeA().webhooks().enabled(false);
            for (int i = 0; i < 30; i++) {
                create(sync.a(), product("Unseen Mug " + i, "SEEN-" + i, 10));
            }
            sync.storeA().latency(Duration.ofMillis(300));
            page.navigate("http://127.0.0.1:" + sync.service().port() + "/admin/");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> page.evaluate("document.getElementById('reconcile-start') !== null")
                            .asBoolean());

            page.evaluate("document.querySelector('#reconcile-form input[name=dryRun]').checked = true");
            page.evaluate("document.getElementById('reconcile-start').click()");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> text(page, "reconcile-message").startsWith("started r")
                            && text(page, "reconcile-status").equals("running")
                            && text(page, "reconcile").contains("differences found")
                            && page.evaluate("document.getElementById('reconcile-abort') !== null")
                                    .asBoolean());
            page.screenshot(SCREENSHOTS.resolve("status-page-reconcile-running.png"));
            page.evaluate("document.getElementById('reconcile-abort').click()");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> text(page, "reconcile-status").equals("aborted"));
            assertThat(text(page, "reconcile")).contains("dry run");
            assertThat(countBySku(sync.b(), "SEEN-0"))
                    .as("a dry run writes nothing")
                    .isZero();

            sync.storeA().latency(Duration.ZERO);
            page.evaluate("document.querySelector('#reconcile-form input[name=dryRun]').checked = false");
            page.evaluate("document.getElementById('reconcile-start').click()");
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> text(page, "reconcile-status").equals("done"));
            sync.awaitInSync();
            page.screenshot(SCREENSHOTS.resolve("status-page-reconcile-done.png"));
            assertThat(countBySku(sync.b(), "SEEN-29")).isEqualTo(1);
        }
    }

    private static String text(HeadlessChromium.Tab page, String id) {
        return page.evaluate("(document.getElementById('" + id + "') || {}).innerText || ''")
                .asText();
    }
}
