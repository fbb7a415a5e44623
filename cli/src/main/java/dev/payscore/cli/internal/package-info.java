/** Non-API code of the {@code payscore} command: WeChat wire JSON read for the subcommands. */
@NullMarked
package dev.payscore.cli.internal;

import org.jspecify.annotations.NullMarked;
