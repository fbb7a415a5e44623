/** payscore in a Spring Boot application: properties, auto-configuration, transactions, events. */
@NullMarked
package dev.payscore.spring.boot;

import org.jspecify.annotations.NullMarked;
