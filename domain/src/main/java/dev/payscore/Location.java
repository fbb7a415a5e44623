package dev.payscore;

import org.jspecify.annotations.Nullable;

/** A {@code location}: where the service started and ended. */
public record Location(@Nullable String startLocation, @Nullable String endLocation) {}
