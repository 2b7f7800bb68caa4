/**
 * The {@code Cache-Control} bridge to per-call options and the dashboard page.
 */
@NullMarked
package dev.cachet.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
