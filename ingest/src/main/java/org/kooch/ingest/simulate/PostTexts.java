package org.kooch.ingest.simulate;

import java.util.List;
import java.util.Random;

/** Persian post texts for simulated channels, with ZWNJ, emoji and hashtags as real posts have. */
final class PostTexts {
  private static final List<String> NEWS =
      List.of(
          "گزارش‌ها از برگزاری نشست شورای عالی فضای مجازی حکایت دارد",
          "بیانات در دیدار با کارگزاران نظام 📌",
          "نرخ ارز در بازار امروز؛ دلار به ۶۰۰۰ تومان رسید",
          "هشدار سازمان هواشناسی درباره‌ی بارش‌های بهاری ☔️",
          "تیم ملی فوتبال ایران برای جام جهانی ۲۰۱۸ آماده می‌شود ⚽️",
          "نشست خبری سخنگوی دولت برگزار شد",
          "پیام تسلیت به مناسبت درگذشت یکی از علمای برجسته 🥀",
          "آمار جدید مرکز آمار از نرخ تورم اعلام شد",
          "گفت‌وگوی اختصاصی درباره‌ی آینده‌ی پیام‌رسان‌های داخلی",
          "برنامه‌ی سفرهای استانی هفته‌ی آینده اعلام شد",
          "#فوری بیانیه‌ی وزارت امور خارجه درباره‌ی برجام",
          "تصاویر: مراسم بزرگداشت در حرم مطهر 🌹");

  private PostTexts() {}

  /** Words for a post's line of topics: six of them make each post's text its own. */
  private static final List<String> TOPICS =
      List.of(
          "اقتصاد", "سیاست", "ورزش", "فرهنگ", "فناوری", "سلامت", "آموزش", "محیط‌زیست", "انرژی", "کشاورزی",
          "مسکن", "خودرو", "بورس", "نفت", "دانشگاه", "مجلس", "دولت", "قضایی", "بین‌الملل", "منطقه",
          "استان‌ها", "تهران", "هنر", "سینما", "کتاب", "موسیقی", "گردشگری", "حمل‌ونقل", "ارتباطات", "امنیت",
          "جوانان", "زنان", "خانواده", "بازار", "ارز", "طلا", "تورم", "اشتغال", "صنعت", "معدن");

  /** A headline ({@code headlines} draws it) and a line of topics ({@code topics} draws them) signed by the channel. */
  static String news(Random headlines, Random topics, String titleFa) {
    String base = NEWS.get(headlines.nextInt(NEWS.size()));
    StringBuilder line = new StringBuilder("موضوع‌ها: ");
    for (int i = 0; i < 6; i++) {
      line.append(i == 0 ? "" : "، ").append(TOPICS.get(topics.nextInt(TOPICS.size())));
    }
    return base + "\n" + line + "\n\n🆔 " + titleFa;
  }

  static String announcement(String titleFa, List<String> links, boolean quit) {
    StringBuilder s = new StringBuilder();
    s.append("📣 ").append(titleFa).append(" در پیام‌رسان‌های داخلی:\n");
    for (String link : links) {
      s.append("🔹 ").append(link).append('\n');
    }
    if (quit) {
      s.append("این کانال از این پس به‌روزرسانی نمی‌شود.");
    } else {
      s.append("ما را در این پیام‌رسان‌ها هم دنبال کنید.");
    }
    return s.toString();
  }

  static String welcome(String titleFa) {
    return "👋 به کانال رسمی " + titleFa + " خوش آمدید.";
  }
}
