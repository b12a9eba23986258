package org.kooch.ingest.collect.telegramweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.kooch.ingest.collect.Count;
import org.kooch.ingest.collect.LocalSite;
import org.kooch.ingest.collect.MarkupDriftException;
import org.kooch.ingest.collect.NoPublicPreviewException;
import org.kooch.schemas.PlatformRegistry;
import org.kooch.schemas.PostRef;

/** Parsing of recorded t.me/s pages: header, every kind of message, paging, drift. */
class PreviewPageParserTest {
  private static final PreviewSite SITE = PreviewSite.telegram(PreviewSite.TELEGRAM_URL);
  private static final URI URL = URI.create("https://t.me/s/khamenei_ir");
  private final PreviewPageParser parser = new PreviewPageParser(SITE, PlatformRegistry.defaults());

  private PreviewPage page(String resource, String channel) {
    return parser.parse(LocalSite.text("telegram-web/" + resource), URL, channel);
  }

  private static PreviewMessage message(PreviewPage page, long id) {
    return page.messages().stream().filter(m -> m.id() == id).findFirst().orElseThrow();
  }

  @Test
  void readsTheChannelHeader() {
    ChannelHeader h = page("khamenei_ir.html", "khamenei_ir").header();
    assertThat(h.title()).isEqualTo("KHAMENEI.IR");
    assertThat(h.description())
        .isEqualTo(
            "پایگاه اطلاع\u200Cرسانی دفتر حفظ و نشر آثار حضرت آیت\u200Cالله العظمی خامنه\u200Cای\n"
                + "ما را در سروش دنبال کنید: sapp.ir/khamenei_ir\nInstagram: instagram.com/khamenei_ir");
    assertThat(h.links()).containsExactly("https://sapp.ir/khamenei_ir", "https://www.instagram.com/khamenei_ir");
    assertThat(h.subscribers()).isEqualTo(new Count(1_600_000, false));
  }

  @Test
  void readsTextExactlyWithLineBreaksEmojiAndZwnj() {
    PreviewPage p = page("khamenei_ir.html", "khamenei_ir");
    assertThat(p.messages()).extracting(PreviewMessage::id).containsExactly(30770L, 30771L, 30772L, 30773L, 30774L);
    PreviewMessage m = message(p, 30774);
    assertThat(m.text()).isEqualTo("رهبر انقلاب: «ما را در سروش دنبال کنید» 🌹🇮🇷\nsapp.ir/khamenei_ir\n\n#سروش #فیلترینگ");
    assertThat(m.publishedAt()).isEqualTo(Instant.parse("2018-04-18T06:30:00Z"));
    assertThat(m.views()).isEqualTo(1_200_000L);
    assertThat(m.forwardedFrom()).isNull();
    assertThat(m.edited()).isFalse();
    // Hashtag searches are not links; the autolinked sapp.ir is.
    assertThat(m.links()).containsExactly("http://sapp.ir/khamenei_ir");
    assertThat(message(p, 30773).text()).isEqualTo("پیام نوروزی ۱۳۹۷ می\u200Cشود\nسال حمایت از کالای ایرانی");
    assertThat(message(p, 30770).text()).startsWith("\u200Fکانال رسمی در ایتا: ");
  }

  @Test
  void keepsTextLinksAndLinkPreviewsOnce() {
    PreviewPage p = page("khamenei_ir.html", "khamenei_ir");
    assertThat(message(p, 30772).text()).isEqualTo("برای دیدن ادامه به کانال ما در گپ بپیوندید");
    assertThat(message(p, 30772).links()).containsExactly("https://gap.im/khamenei_ir");
    assertThat(message(p, 30770).links()).containsExactly("https://eitaa.com/khamenei_ir");
  }

  @Test
  void readsForwardsAsPostRefsOrNamesAndSkipsQuotedReplies() {
    PreviewPage p = page("khamenei_ir.html", "khamenei_ir");
    PreviewMessage forwarded = message(p, 30773);
    assertThat(forwarded.forwardedFrom()).isEqualTo(new PostRef("telegram", "leader_ir", 5521L, null));
    assertThat(forwarded.views()).isEqualTo(705_300L);
    assertThat(forwarded.edited()).isTrue();
    PreviewMessage hidden = message(p, 30771);
    assertThat(hidden.forwardedFrom()).isEqualTo(new PostRef("telegram", null, null, "علی رضایی"));
    assertThat(hidden.text()).isEqualTo("پاسخ به سؤالات شما درباره\u200Cی پیام\u200Cرسان\u200Cهای داخلی 📱").doesNotContain("بیانات");
    assertThat(hidden.views()).isEqualTo(3_400L);
    assertThat(message(p, 30770).views()).isEqualTo(845L);
    assertThat(message(p, 30772).views()).isEqualTo(980_100L);
  }

  @Test
  void findsTheCursorForOlderPostsAndNoneOnTheOldestPage() {
    assertThat(page("khamenei_ir.html", "khamenei_ir").before()).isEqualTo(30770L);
    assertThat(page("khamenei_ir-before-30770.html", "khamenei_ir").before()).isEqualTo(30765L);
    PreviewPage oldest = page("khamenei_ir-before-30765.html", "khamenei_ir");
    assertThat(oldest.before()).isNull();
    assertThat(oldest.oldestId()).hasValue(30761L);
  }

  @Test
  void refusesABadMessageButKeepsTheOthers() {
    PreviewPage p = page("khamenei_ir-broken-post.html", "khamenei_ir");
    assertThat(p.messages()).extracting(PreviewMessage::id).containsExactly(30779L, 30781L);
    assertThat(p.bad()).hasSize(1);
    assertThat(p.bad().get(0).id()).isEqualTo(30780L);
    assertThat(p.bad().get(0).reason()).isEqualTo("post 30780: views '1.2X' is not a counter");
    assertThat(p.bad().get(0).html()).contains("data-post=\"khamenei_ir/30780\"");
  }

  @Test
  void messagesInUnknownMarkupAreDriftNamingTheUrl() {
    assertThatThrownBy(() -> page("tasnimnews-drift.html", "tasnimnews"))
        .isInstanceOf(MarkupDriftException.class)
        .hasMessage("markup changed? 2 posts (data-post) but none in .tgme_widget_message markup at https://t.me/s/khamenei_ir");
  }

  @Test
  void aPageWithoutChannelHeaderIsDrift() {
    assertThatThrownBy(() -> page("interstitial.html", "khamenei_ir"))
        .isInstanceOf(MarkupDriftException.class)
        .hasMessage("markup changed? no channel header (.tgme_channel_info) at https://t.me/s/khamenei_ir");
  }

  @Test
  void aChannelPageInsteadOfAPreviewMeansNoPublicPreview() {
    assertThatThrownBy(() -> page("hidden_news-page.html", "hidden_news"))
        .isInstanceOf(NoPublicPreviewException.class)
        .hasMessageStartingWith("@hidden_news (\"اخبار فوری\", 45 210 subscribers) has no public web preview: https://t.me/s/khamenei_ir shows only its page");
  }

  @Test
  void theChannelPageHasTheExactCount() {
    ChannelPageParser p = new ChannelPageParser(SITE);
    assertThat(p.parse(LocalSite.text("telegram-web/khamenei_ir-page.html"), "https://t.me/khamenei_ir"))
        .isEqualTo(new ChannelPage("KHAMENEI.IR", new Count(1_612_907, true)));
    assertThat(p.parse(LocalSite.text("telegram-web/interstitial.html"), "https://t.me/khamenei_ir").subscribers()).isNull();
  }

  @Test
  void postsOfAnotherChannelAreDrift() {
    assertThatThrownBy(() -> page("khamenei_ir.html", "tasnimnews"))
        .isInstanceOf(MarkupDriftException.class)
        .hasMessageContaining("post khamenei_ir/30770 is not from @tasnimnews");
  }
}
