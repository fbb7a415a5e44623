/**
 * The operator console: a read-mostly web page over the intents and the audit history, with one
 * action (retry an intent that needs attention, with the operator's name and reason). {@link
 * dev.payscore.console.Console} turns a {@link dev.payscore.console.ConsoleRequest} into a {@link
 * dev.payscore.console.ConsoleResponse} and knows no HTTP server: {@link
 * dev.payscore.console.ConsoleServer} serves it with the JDK's, the Spring Boot starter mounts it as
 * a servlet.
 */
@NullMarked
package dev.payscore.console;

import org.jspecify.annotations.NullMarked;
