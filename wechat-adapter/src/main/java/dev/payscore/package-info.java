/**
 * The front door's credentials (this artifact's part of the package): a merchant's signing key,
 * WeChat's verification keys and the APIv3 key, read from PEM files with {@link
 * dev.payscore.PemKeys}.
 */
@NullMarked
package dev.payscore;

import org.jspecify.annotations.NullMarked;
