package org.kooch.streaming.links;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kooch.schemas.ChannelProfile;
import org.kooch.schemas.PlatformRegistry;
import org.kooch.schemas.Post;
import org.kooch.schemas.PostRef;

class LinkExtractorTest {
  private static final Instant AT = Instant.parse("2018-04-18T06:30:00Z");
  private static final long T = AT.toEpochMilli();

  private final LinkExtractor extractor = new LinkExtractor(PlatformRegistry.defaults());

  @Test
  void aUrlWithoutSchemeInTheText() {
    List<ChannelLinkRow> links = extractor.fromPost(post("کانال رهبر انقلاب در سروش\u200cپلاس: sapp.ir/khamenei_ir 🌹", List.of()));
    assertThat(links).containsExactly(
        new ChannelLinkRow("telegram", "khamenei_ir", "soroush", "khamenei_ir", ChannelLinkRow.POST_LINK, T, 30774L, LinkExtractor.POST_LINK));
    assertThat(links.get(0).announcesMove()).isTrue();
  }

  @Test
  void textLinksFromThePostsLinkListAndUrlsWithScheme() {
    List<ChannelLinkRow> links = extractor.fromPost(post(
        "ما را در گپ و ایتا دنبال کنید https://eitaa.com/khamenei_ir",
        List.of("https://gap.im/khamenei", "https://eitaa.com/khamenei_ir", "https://example.org/x")));
    assertThat(links).extracting(ChannelLinkRow::toKey).containsExactly("eitaa/khamenei_ir", "gap/khamenei");
    assertThat(links).allSatisfy(l -> assertThat(l.evidence).isEqualTo(ChannelLinkRow.POST_LINK));
  }

  @Test
  void mentionsAreTelegramHandlesWithLowerConfidence() {
    List<ChannelLinkRow> links = extractor.fromPost(post("خبر از @Leader_IR و info@khamenei.ir", List.of()));
    assertThat(links).containsExactly(
        new ChannelLinkRow("telegram", "khamenei_ir", "telegram", "leader_ir", ChannelLinkRow.POST_LINK, T, 30774L, LinkExtractor.MENTION));
    // a URL and a mention of the same channel: one link, the stronger evidence
    links = extractor.fromPost(post("@leader_ir t.me/leader_ir", List.of()));
    assertThat(links).singleElement().satisfies(l -> assertThat(l.confidence).isEqualTo(LinkExtractor.POST_LINK));
  }

  @Test
  void mentionsAnywhereInTheTextButNotInsideWordsAddressesOrDoubleAts() {
    List<ChannelLinkRow> links = extractor.fromPost(post(
        "@first_one سلام (@second_one) x@not_this @@nor_this @abc 🆔@last_one", List.of()));
    assertThat(links).extracting(l -> l.toChannel).containsExactly("first_one", "second_one", "last_one");
  }

  @Test
  void aForwardLinksTheOriginalChannelToTheForwarder() {
    Post p = post("بازنشر", List.of());
    p.setForwardedFrom(PostRef.newBuilder().setPlatform("telegram").setChannel("leader_ir").setPostId(5521L).build());
    assertThat(extractor.fromPost(p)).containsExactly(
        new ChannelLinkRow("telegram", "leader_ir", "telegram", "khamenei_ir", ChannelLinkRow.FORWARD, T, 30774L, LinkExtractor.FORWARD));
    // only a display name known: no channel to link
    p.setForwardedFrom(PostRef.newBuilder().setPlatform("telegram").setName("KHAMENEI.IR").build());
    assertThat(extractor.fromPost(p)).isEmpty();
  }

  @Test
  void aChannelLinkingToItselfIsNoLink() {
    Post p = post("عضو شوید: https://t.me/khamenei_ir/30774 @khamenei_ir", List.of("https://t.me/khamenei_ir"));
    p.setForwardedFrom(PostRef.newBuilder().setPlatform("telegram").setChannel("khamenei_ir").build());
    assertThat(extractor.fromPost(p)).isEmpty();
  }

  @Test
  void profileDescriptionsAndProfileLinks() {
    ChannelProfile c = ChannelProfile.newBuilder()
        .setPlatform("telegram").setChannel("khamenei_ir").setObservedAt(AT).setTitle("KHAMENEI.IR")
        .setDescription("سروش: sapp.ir/khamenei_ir ایتا: eitaa.com/khamenei_ir تلگرام: t.me/khamenei_ir")
        .setLinks(List.of("https://gap.im/khamenei_ir", "sapp.ir/khamenei_ir"))
        .setSource("test").build();
    List<ChannelLinkRow> links = extractor.fromProfile(c);
    assertThat(links).extracting(ChannelLinkRow::toKey).containsExactly("soroush/khamenei_ir", "eitaa/khamenei_ir", "gap/khamenei_ir");
    assertThat(links).allSatisfy(l -> {
      assertThat(l.evidence).isEqualTo(ChannelLinkRow.PROFILE_LINK);
      assertThat(l.postId).isNull();
      assertThat(l.firstSeen).isEqualTo(T);
      assertThat(l.confidence).isEqualTo(LinkExtractor.PROFILE_LINK);
      assertThat(l.announcesMove()).isTrue();
    });
    c.setDescription(null);
    c.setLinks(List.of());
    assertThat(extractor.fromProfile(c)).isEmpty();
  }

  private static Post post(String text, List<String> links) {
    return Post.newBuilder()
        .setPlatform("telegram").setChannel("khamenei_ir").setPostId(30774L)
        .setPublishedAt(AT).setCollectedAt(AT).setText(text).setLinks(links).setSource("test").build();
  }
}
