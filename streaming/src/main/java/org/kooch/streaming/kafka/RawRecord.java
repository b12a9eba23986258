package org.kooch.streaming.kafka;

/** A Kafka record as read, before decoding: where it came from, so a bad one can be traced. */
public class RawRecord {
  public String topic;
  public int partition;
  public long offset;
  public byte[] key;
  public byte[] value;

  public RawRecord() {}

  public RawRecord(String topic, int partition, long offset, byte[] key, byte[] value) {
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
    this.key = key;
    this.value = value;
  }

  public String location() {
    return topic + "-" + partition + "@" + offset;
  }
}
