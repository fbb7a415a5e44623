/**
 * A faithful local WeChat Pay Score server: start one with {@link
 * dev.payscore.sandbox.PayScoreSandbox#start(SandboxConfig)}.
 */
@NullMarked
package dev.payscore.sandbox;

import org.jspecify.annotations.NullMarked;
