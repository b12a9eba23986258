package org.kooch.ingest.collect.telegramweb;

import org.kooch.ingest.collect.Count;

/** A channel's own page (t.me/name): its title and the exact subscriber count when shown. */
public record ChannelPage(String title, Count subscribers) {}
