package dev.storesync.queue;

import java.util.regex.Pattern;

/**
 * Names one resource of Store A as synced to one destination store. Its {@link #taskId()} is the {@code _id} of the
 * resource's task, which is what makes "one task per resource" a uniqueness the database enforces.
 */
public record ResourceKey(String destination, String resourceType, long resourceId) {
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public ResourceKey {
        if (!WORD.matcher(destination).matches() || !WORD.matcher(resourceType).matches()) {
            throw new IllegalArgumentException("destination and resource type must be short words");
        }
        if (resourceId <= 0) {
            throw new IllegalArgumentException("resource ids are positive");
        }
    }

    public String taskId() {
        return destination + ":" + resourceType + ":" + resourceId;
    }

    /** Reads back a {@link #taskId()}; empty when the text is not one. */
    public static java.util.Optional<ResourceKey> parse(String taskId) {
        String[] parts = taskId == null ? new String[0] : taskId.split(":", -1);
        if (parts.length != 3) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(new ResourceKey(parts[0], parts[1], Long.parseLong(parts[2])));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
