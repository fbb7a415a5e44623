/** Tests of dev.payscore.wechat.notification. */
@NullMarked
package dev.payscore.wechat.notification;

import org.jspecify.annotations.NullMarked;
