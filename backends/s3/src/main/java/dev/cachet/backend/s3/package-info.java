/**
 * The S3 tier, on the AWS SDK v2: conditional puts, multipart uploads and streamed reads.
 */
@NullMarked
package dev.cachet.backend.s3;

import org.jspecify.annotations.NullMarked;
