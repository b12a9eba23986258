package org.kooch.ingest.collect.tgstat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kooch.ingest.collect.CollectException;
import org.kooch.ingest.collect.JsonAnswers;
import org.kooch.ingest.collect.http.FetchResponse;

/**
 * TGStat API answers: {@code {"status":"ok","response":...}} or {@code {"status":"error",
 * "error":"token_invalid"}}, both usually with HTTP 200. {@code flood_control_10} and
 * {@code flood_control_60} mean "wait 10 (60) seconds", which the fetcher treats like a 429.
 */
final class TgstatAnswer {
  private static final Pattern FLOOD = Pattern.compile("flood_control_(\\d{1,5})");

  private TgstatAnswer() {}

  /** The {@code response} of an ok answer; a refusal or an unreadable answer is a {@link CollectException}. */
  static JsonNode response(FetchResponse r, String shownUrl) {
    Optional<JsonNode> a = JsonAnswers.parse(r.body());
    if (a.isEmpty() || !a.get().has("status")) {
      throw new CollectException(shownUrl + " answered HTTP " + r.status() + " without a TGStat answer");
    }
    if (!"ok".equals(a.get().path("status").asText())) {
      throw new CollectException("TGStat refused " + shownUrl + ": " + a.get().path("error").asText("unknown error"));
    }
    return a.get().path("response");
  }

  static Optional<Duration> floodControl(FetchResponse r) {
    if (!r.body().contains("flood_control")) {
      return Optional.empty();
    }
    return JsonAnswers.parse(r.body())
        .map(n -> FLOOD.matcher(n.path("error").asText()))
        .filter(Matcher::matches)
        .map(m -> Duration.ofSeconds(Long.parseLong(m.group(1))));
  }
}
