package org.kooch.ingest.collect.telegramweb;

import java.util.List;
import org.kooch.ingest.collect.Count;

/**
 * The channel header of a preview page: title, description (as shown, line breaks kept), the
 * links in the description, and the subscriber counter (rounded on t.me: "1.6M").
 */
public record ChannelHeader(String title, String description, List<String> links, Count subscribers) {}
