package org.kooch.ingest.collect.telegramweb;

import java.util.List;
import java.util.SortedMap;
import org.kooch.ingest.collect.DeadRecord;

/**
 * What paging through a preview found: the header (from the newest page), the messages newer than
 * those already published (by id, oldest first), refused messages, the highest id seen, and a
 * note when paging stopped at the page limit.
 */
record PreviewHistory(
    ChannelHeader header, SortedMap<Long, PreviewMessage> fresh, List<DeadRecord> dead, Long highestId, String note) {}
