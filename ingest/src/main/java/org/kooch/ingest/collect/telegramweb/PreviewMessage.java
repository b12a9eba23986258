package org.kooch.ingest.collect.telegramweb;

import java.time.Instant;
import java.util.List;
import org.kooch.schemas.PostRef;

/**
 * One message of a preview page as shown: id from data-post, publication time, text exactly as
 * displayed, its links, the view counter, where it was forwarded from, and whether it was edited
 * (the Post record has no field for that yet; it is parsed so drift in it is noticed).
 */
public record PreviewMessage(
    long id, Instant publishedAt, String text, List<String> links, Long views, PostRef forwardedFrom, boolean edited) {}
