package dev.storesync.intake;

/**
 * The 200 answer to a webhook: {@code accepted} (stored now) or {@code duplicate} (stored before); either way the
 * event is durable and a sync of its resource is due.
 */
public record IntakeReceipt(String status, String event, String task) {}
