package org.kooch.ingest.collect;

/**
 * A counter read from a page: its value, and whether the page showed it exactly ("1 612 907") or
 * rounded ("1.6M", "۱۲٫۵ هزار"), which subscriber records say in their {@code source}.
 */
public record Count(long value, boolean exact) {}
