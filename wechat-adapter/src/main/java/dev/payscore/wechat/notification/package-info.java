/** WeChat's Pay Score callbacks: verify, decrypt and type a notification from its raw bytes. */
@NullMarked
package dev.payscore.wechat.notification;

import org.jspecify.annotations.NullMarked;
