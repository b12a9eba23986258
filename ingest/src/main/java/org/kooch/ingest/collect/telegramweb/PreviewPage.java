package org.kooch.ingest.collect.telegramweb;

import java.util.List;
import java.util.OptionalLong;
import java.util.stream.LongStream;

/**
 * A parsed preview page: the header, the messages that could be read, those that could not, and
 * the id to page back from ({@code ?before=}), null on the oldest page.
 */
public record PreviewPage(ChannelHeader header, List<PreviewMessage> messages, List<BadMessage> bad, Long before) {
  /** The smallest message id on the page, read or not. */
  public OptionalLong oldestId() {
    return LongStream.concat(messages.stream().mapToLong(PreviewMessage::id), bad.stream().mapToLong(BadMessage::id)).min();
  }
}
