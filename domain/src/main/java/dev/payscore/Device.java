package dev.payscore;

import org.jspecify.annotations.Nullable;

/** A {@code device}: the unattended devices and material of the service. */
public record Device(
    @Nullable String startDeviceId, @Nullable String endDeviceId, @Nullable String materielNo) {}
