/**
 * Auto-configuration of the S3 tier.
 */
@NullMarked
package dev.cachet.autoconfigure.s3;

import org.jspecify.annotations.NullMarked;
