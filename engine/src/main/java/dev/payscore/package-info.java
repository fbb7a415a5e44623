/**
 * payscore's front door: everything an application names to run WeChat Pay Score service orders.
 *
 * <p>Start with {@link dev.payscore.PayScore#builder()}. The requests an application writes ({@link
 * dev.payscore.CreateOrder}, {@link dev.payscore.CompleteOrder} and their parts, the commands of
 * {@link dev.payscore.Orders} and {@link dev.payscore.Completions}), the results it branches on,
 * the credentials and the configuration values all live in this one package. The package is split
 * over three artifacts (no JPMS modules): the values in {@code payscore-domain}, the credentials in
 * {@code payscore-wechat-adapter}, the facade and its parts here in {@code payscore-engine}, which
 * brings the other two. Packages named {@code internal} are not API.
 */
@NullMarked
package dev.payscore;

import org.jspecify.annotations.NullMarked;
