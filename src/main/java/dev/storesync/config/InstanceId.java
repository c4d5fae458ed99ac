package dev.storesync.config;

import java.lang.management.ManagementFactory;
import java.util.UUID;

/** This process among the instances that share one database, as task leases and reconcile claims name it. */
public record InstanceId(String value) {

    /** {@code pid@host/random}: an operator can tell which machine holds what, and a restart is a new instance. */
    public static InstanceId ofThisProcess() {
        String jvm = ManagementFactory.getRuntimeMXBean().getName();
        return new InstanceId(jvm + "/" + UUID.randomUUID().toString().substring(0, 8));
    }
}
