package org.kooch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformRegistryTest {
  private final PlatformRegistry registry = PlatformRegistry.defaults();

  @ParameterizedTest
  @CsvSource({
    "https://t.me/khamenei_ir, telegram, khamenei_ir",
    "t.me/s/Khamenei_IR, telegram, khamenei_ir",
    "http://telegram.me/rouhani_ir, telegram, rouhani_ir",
    "https://sapp.ir/khamenei_ir, soroush, khamenei_ir",
    "splus.ir/irna_1313, soroush, irna_1313",
    "https://gap.im/farsna, gap, farsna",
    "eitaa.com/khamenei_ir, eitaa, khamenei_ir",
    "https://ble.ir/tasnimnews, bale, tasnimnews",
    "rubika.ir/khamenei_ir, rubika, khamenei_ir",
    "https://igap.net/khamenei_ir, igap, khamenei_ir",
    "https://www.instagram.com/khamenei_ir/, instagram, khamenei_ir",
    "https://twitter.com/khamenei_ir, twitter, khamenei_ir",
    "https://x.com/Khamenei_fa?lang=en, twitter, khamenei_fa",
  })
  void resolvesChannelUrls(String url, String platform, String channel) {
    ChannelLink link = registry.resolve(url).orElseThrow();
    assertThat(link.platform()).isEqualTo(platform);
    assertThat(link.channel()).isEqualTo(channel);
  }

  @Test
  void resolvesPostLinksAndRejectsFeaturePaths() {
    assertThat(registry.resolve("https://t.me/khamenei_ir/30774").orElseThrow().postId()).isEqualTo(30774L);
    assertThat(registry.resolve("https://t.me/joinchat/AAAAAEk")).isEmpty();
    assertThat(registry.resolve("https://t.me/+AbCdEf")).isEmpty();
    assertThat(registry.resolve("https://twitter.com/i/status/1")).isEmpty();
    assertThat(registry.resolve("https://example.com/khamenei_ir")).isEmpty();
    assertThat(registry.resolve("t.me")).isEmpty();
  }

  @Test
  void findsLinksInPersianTextWithoutSchemes() {
    String text = "ما را در سروش دنبال کنید: sapp.ir/khamenei_ir، و در گپ https://gap.im/khamenei_ir 🌹 (نه at.me/x)";
    List<ChannelLink> links = registry.linksIn(text);
    assertThat(links).extracting(ChannelLink::platform).containsExactly("soroush", "gap");
    assertThat(links).extracting(ChannelLink::channel).containsOnly("khamenei_ir");
  }

  @Test
  void knowsTheDesignPlatforms() {
    assertThat(registry.ids())
        .contains("telegram", "soroush", "gap", "eitaa", "bale", "rubika", "igap", "instagram", "twitter");
  }
}
