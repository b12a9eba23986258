package org.kooch.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract's bounds, each at its edge: the last value inside passes, the first outside is refused. */
class RecordContractTest {
  private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
  private final RecordContract contract = new RecordContract(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void timesFrom2000ToADayAheadOfTheClock() {
    assertThatCode(() -> contract.check(post(RecordContract.EARLIEST))).doesNotThrowAnyException();
    assertThatCode(() -> contract.check(post(NOW.plusSeconds(86_400)))).doesNotThrowAnyException();
    assertRefused(post(Instant.parse("1999-12-31T23:59:59Z")), RefusalKind.OUT_OF_RANGE, "field 'publishedAt' is 1999-12-31T23:59:59Z, outside 2000-01-01");
    assertRefused(post(Instant.parse("1969-12-31T23:59:59Z")), RefusalKind.OUT_OF_RANGE, "publishedAt");
    assertRefused(post(NOW.plusSeconds(86_401)), RefusalKind.OUT_OF_RANGE, "publishedAt");
    Post collectedEarly = post(NOW);
    collectedEarly.setCollectedAt(Instant.EPOCH);
    assertRefused(collectedEarly, RefusalKind.OUT_OF_RANGE, "field 'collectedAt'");
    assertThat(contract.plausibleTime(NOW.toEpochMilli())).isTrue();
    assertThat(contract.plausibleTime(-1_000)).isFalse();
    assertThat(contract.plausibleTime(Instant.parse("3000-01-01T00:00:00Z").toEpochMilli())).isFalse();
  }

  @Test
  void countsFromZeroToTenBillion() {
    SubscriberCount s = SubscriberCount.newBuilder().setPlatform("telegram").setChannel("c").setObservedAt(NOW)
        .setSubscribers(RecordContract.MAX_COUNT).setSource("t").build();
    assertThatCode(() -> contract.check(s)).doesNotThrowAnyException();
    s.setSubscribers(RecordContract.MAX_COUNT + 1);
    assertRefused(s, RefusalKind.OUT_OF_RANGE, "field 'subscribers' is 10000000001, outside 0 to 10000000000");
    s.setSubscribers(-1L);
    assertRefused(s, RefusalKind.OUT_OF_RANGE, "subscribers");
    Post p = post(NOW);
    p.setViews(-5L);
    assertRefused(p, RefusalKind.OUT_OF_RANGE, "field 'views'");
    p.setViews(null);
    p.setPostId(-1L);
    assertRefused(p, RefusalKind.OUT_OF_RANGE, "field 'postId'");
  }

  @Test
  void textsAndListsHaveSizeLimits() {
    Post p = post(NOW);
    p.setText("ب".repeat(RecordContract.MAX_TEXT_CHARS));
    assertThatCode(() -> contract.check(p)).doesNotThrowAnyException();
    p.setText("ب".repeat(RecordContract.MAX_TEXT_CHARS + 1));
    assertRefused(p, RefusalKind.TOO_LARGE, "field 'text' has 65537 chars, over the limit of 65536");
    p.setText("");
    p.setLinks(Collections.nCopies(RecordContract.MAX_LINKS + 1, "https://t.me/x"));
    assertRefused(p, RefusalKind.TOO_LARGE, "field 'links' has 513 entries");
    p.setLinks(List.of("x".repeat(RecordContract.MAX_SHORT_TEXT_CHARS + 1)));
    assertRefused(p, RefusalKind.TOO_LARGE, "field 'links' has 4097 chars");
    ChannelProfile c = ChannelProfile.newBuilder().setPlatform("eitaa").setChannel("c").setObservedAt(NOW)
        .setDescription("d".repeat(RecordContract.MAX_DESCRIPTION_CHARS + 1)).setSource("t").build();
    assertRefused(c, RefusalKind.TOO_LARGE, "field 'description'");
  }

  @Test
  void platformsAreTheRegistrysAndChannelsCanonicalHandles() {
    Post p = post(NOW);
    p.setPlatform("telegrom");
    assertRefused(p, RefusalKind.CONTRACT, "field 'platform' names an unknown platform 'telegrom'");
    p.setPlatform("<img src=x onerror=alert(1)>");
    assertRefused(p, RefusalKind.CONTRACT, "unknown platform");
    p.setPlatform("telegram");
    p.setChannel("Khamenei_IR");
    assertRefused(p, RefusalKind.CONTRACT, "field 'channel' is not a canonical channel handle: 'Khamenei_IR'");
    p.setChannel("hosti\uFFFDe");
    assertRefused(p, RefusalKind.CONTRACT, "not a canonical channel handle");
    p.setChannel("khamenei_ir");
    p.setForwardedFrom(PostRef.newBuilder().setPlatform("soroush").setChannel("@x").build());
    assertRefused(p, RefusalKind.CONTRACT, "field 'forwardedFrom.channel'");
    p.setForwardedFrom(PostRef.newBuilder().setPlatform("soroush").setName("کانال بی‌نام").build());
    assertThatCode(() -> contract.check(p)).doesNotThrowAnyException();
  }

  @Test
  void textMustBeUnicodeButEmojiAndZwnjPass() {
    Post p = post(NOW);
    p.setText("سروش\u200cپلاس 🌹👨‍👩‍👧");
    assertThatCode(() -> contract.check(p)).doesNotThrowAnyException();
    p.setText("half an emoji \uD83C");
    assertRefused(p, RefusalKind.NOT_UTF8, "lone UTF-16 surrogate at char 14");
    p.setText("\uDF39 reversed");
    assertRefused(p, RefusalKind.NOT_UTF8, "lone UTF-16 surrogate at char 0");
  }

  @Test
  void recordSizeIsCheckedOnTheEncodedForm() {
    assertThatCode(() -> RecordContract.checkSize(RecordContract.MAX_RECORD_BYTES)).doesNotThrowAnyException();
    assertThatThrownBy(() -> RecordContract.checkSize(RecordContract.MAX_RECORD_BYTES + 1))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessage("record is 262145 bytes encoded, over the limit of 262144")
        .extracting(e -> ((InvalidRecordException) e).kind()).isEqualTo(RefusalKind.TOO_LARGE);
    // The largest record the field limits allow still fits under the size limit a dead letter needs.
    Post largest = post(NOW);
    largest.setText("\uD83C\uDF39".repeat(RecordContract.MAX_TEXT_CHARS / 2));
    assertThat(RecordType.POST.encode(largest).length).isLessThan(RecordContract.MAX_RECORD_BYTES);
  }

  private void assertRefused(org.apache.avro.specific.SpecificRecord r, RefusalKind kind, String reason) {
    assertThatThrownBy(() -> contract.check(r))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining(reason)
        .extracting(e -> ((InvalidRecordException) e).kind()).isEqualTo(kind);
  }

  private static Post post(Instant published) {
    return Post.newBuilder().setPlatform("telegram").setChannel("khamenei_ir").setPostId(1L)
        .setPublishedAt(published).setCollectedAt(published.isAfter(NOW) ? published : NOW)
        .setText("t").setLinks(List.of()).setSource("test").build();
  }
}
