/** What the domain needs from outside: WeChat (the gateway) and storage (orders, intents, audit history, notification inbox). */
@NullMarked
package dev.payscore.domain.port.out;

import org.jspecify.annotations.NullMarked;
