package org.kooch.streaming.daily;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.runtime.CopyableValueSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.kooch.schemas.Post;
import org.kooch.schemas.SubscriberCount;

class ChannelEventTest {
  private static final Instant AT = Instant.parse("2018-04-18T06:30:00Z");

  private final TypeSerializer<ChannelEvent> serializer =
      TypeInformation.of(ChannelEvent.class).createSerializer(new SerializerConfigImpl());

  @Test
  void travelsThroughItsOwnSerializerNotThePojoOne() throws Exception {
    assertThat(serializer).isInstanceOf(CopyableValueSerializer.class);
    ChannelEvent post = ChannelEvent.of(Post.newBuilder().setPlatform("soroush").setChannel("خبرگزاری_فارس").setPostId(42L)
        .setPublishedAt(AT).setCollectedAt(AT.plusSeconds(60)).setText("متن 🌹").setViews(1_200L).setLinks(List.of())
        .setSource("test").build());
    ChannelEvent unknownViews = ChannelEvent.of(Post.newBuilder().setPlatform("eitaa").setChannel("farsna").setPostId(7L)
        .setPublishedAt(AT).setCollectedAt(AT).setText("").setViews(null).setLinks(List.of()).setSource("test").build());
    ChannelEvent count = ChannelEvent.of(SubscriberCount.newBuilder().setPlatform("telegram").setChannel("khamenei_ir")
        .setObservedAt(AT).setSubscribers(-1L).setSource("test").build());

    for (ChannelEvent e : List.of(post, unknownViews, count)) {
      DataOutputSerializer out = new DataOutputSerializer(64);
      serializer.serialize(e, out);
      ChannelEvent read = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
      assertThat(read).isEqualTo(e);
      assertThat(read.key()).isEqualTo(e.platform + "/" + e.channel);

      // The network's copy of the bytes, as a spilled record is moved, gives the same event.
      DataOutputSerializer copied = new DataOutputSerializer(256); // write(source, n) does not grow it
      serializer.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
      assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
      assertThat(serializer.copy(e)).isEqualTo(e).isNotSameAs(e);
    }
    assertThat(post.key()).isEqualTo("soroush/خبرگزاری_فارس");
    assertThat(post.kind).isEqualTo(ChannelEvent.POST);
    assertThat(count.value).isEqualTo(-1L);
    // Attention keeps an unknown view count apart from zero views.
    assertThat(unknownViews.viewsUnknown).isTrue();
    assertThat(unknownViews.value).isZero();
    assertThat(post.viewsUnknown).isFalse();
  }
}
