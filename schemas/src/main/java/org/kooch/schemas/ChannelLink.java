package org.kooch.schemas;

/**
 * A link to a channel (and possibly one of its posts) found in text or a URL.
 *
 * @param postId the post number when the link points at a post, else null
 * @param url the link as it appeared
 */
public record ChannelLink(String platform, String channel, Long postId, String url) {}
