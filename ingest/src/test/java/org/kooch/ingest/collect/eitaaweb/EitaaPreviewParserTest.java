package org.kooch.ingest.collect.eitaaweb;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.kooch.ingest.collect.Count;
import org.kooch.ingest.collect.LocalSite;
import org.kooch.ingest.collect.telegramweb.PreviewMessage;
import org.kooch.ingest.collect.telegramweb.PreviewPage;
import org.kooch.ingest.collect.telegramweb.PreviewPageParser;
import org.kooch.schemas.PlatformRegistry;
import org.kooch.schemas.PostRef;

/** The shared preview parser on recorded Eitaa pages: etme_ classes, Persian counters and digits. */
class EitaaPreviewParserTest {
  private final PreviewPageParser parser = new PreviewPageParser(EitaaWeb.site(EitaaWeb.URL), PlatformRegistry.defaults());

  @Test
  void readsHeaderWithPersianCounter() {
    PreviewPage p = parser.parse(LocalSite.text("eitaa-web/khamenei_ir.html"), URI.create("https://eitaa.com/khamenei_ir"), "khamenei_ir");
    assertThat(p.header().title()).isEqualTo("KHAMENEI.IR");
    assertThat(p.header().description()).isEqualTo("کانال رسمی KHAMENEI.IR در ایتا\nتلگرام: t.me/khamenei_ir");
    assertThat(p.header().links()).containsExactly("https://t.me/khamenei_ir");
    assertThat(p.header().subscribers()).isEqualTo(new Count(12_500, false));
    assertThat(p.before()).isEqualTo(1203L);
  }

  @Test
  void readsMessagesWithPersianViewsForwardsAndEdits() {
    PreviewPage p = parser.parse(LocalSite.text("eitaa-web/khamenei_ir.html"), URI.create("https://eitaa.com/khamenei_ir"), "khamenei_ir");
    assertThat(p.messages()).extracting(PreviewMessage::id).containsExactly(1203L, 1204L, 1205L);
    PreviewMessage first = p.messages().get(0);
    assertThat(first.text()).isEqualTo("بسم الله الرحمن الرحیم\nکانال رسمی در ایتا راه\u200Cاندازی شد 🌷");
    assertThat(first.views()).isEqualTo(1_200L);
    assertThat(first.publishedAt()).isEqualTo(Instant.parse("2018-04-18T07:00:00Z"));
    PreviewMessage forwarded = p.messages().get(1);
    assertThat(forwarded.views()).isEqualTo(845L);
    assertThat(forwarded.forwardedFrom()).isEqualTo(new PostRef("eitaa", "leader_ir", 88L, null));
    assertThat(forwarded.links()).containsExactly("https://t.me/khamenei_ir");
    assertThat(p.messages().get(2).edited()).isTrue();
    assertThat(p.messages().get(2).views()).isEqualTo(2_300L);
  }
}
