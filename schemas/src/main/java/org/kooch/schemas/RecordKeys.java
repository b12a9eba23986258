package org.kooch.schemas;

import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;

/** Kafka keys: {@code platform/channel}, so one channel's records stay in order on one partition. */
public final class RecordKeys {
  private RecordKeys() {}

  public static String key(SpecificRecord record) {
    if (record instanceof Post p) {
      return p.getPlatform() + "/" + p.getChannel();
    } else if (record instanceof SubscriberCount s) {
      return s.getPlatform() + "/" + s.getChannel();
    } else if (record instanceof ChannelProfile c) {
      return c.getPlatform() + "/" + c.getChannel();
    } else if (record instanceof PlatformStat p) {
      return p.getPlatform();
    }
    throw new IllegalArgumentException("no key for " + record.getClass().getName());
  }

  public static byte[] keyBytes(SpecificRecord record) {
    return key(record).getBytes(StandardCharsets.UTF_8);
  }
}
