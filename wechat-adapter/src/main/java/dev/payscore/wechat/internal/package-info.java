/** Not API: the Retrofit service, wire DTOs, interceptors, key ring and mappers of the adapter. */
@NullMarked
package dev.payscore.wechat.internal;

import org.jspecify.annotations.NullMarked;
