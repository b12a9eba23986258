package org.kooch.ingest.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.kooch.schemas.InvalidRecordException;

/** Flattening the export's text forms into text and links. */
class TelegramExportTextTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aStringIsTheTextAsItIsWithNoLinks() throws Exception {
    String persian = "منتشر می\u200cشود 🌹 sapp.ir/khamenei_ir";
    TelegramExportText t = TelegramExportText.of(message("{\"text\": \"" + persian + "\"}"));
    assertThat(t.text()).isEqualTo(persian);
    assertThat(t.links()).isEmpty();
  }

  @Test
  void entitiesAreConcatenatedAndLinksComeFromTheirKind() throws Exception {
    TelegramExportText t =
        TelegramExportText.of(
            message(
                "{\"text\": [\"در \", {\"type\": \"text_link\", \"text\": \"سروش\", \"href\": \"https://sapp.ir/khamenei_ir\"},"
                    + " \" \", {\"type\": \"hashtag\", \"text\": \"#سروش\"}, \" \", {\"type\": \"mention\", \"text\": \"@Khamenei_fa\"},"
                    + " \" \", {\"type\": \"link\", \"text\": \"gap.im/khamenei_ir\"}, \" \", {\"type\": \"bold\", \"text\": \"مهم\"},"
                    + " \" \", {\"type\": \"mention_name\", \"text\": \"علی\", \"user_id\": 1}]}"));
    assertThat(t.text()).isEqualTo("در سروش #سروش @Khamenei_fa gap.im/khamenei_ir مهم علی");
    assertThat(t.links())
        .containsExactly("https://sapp.ir/khamenei_ir", "https://t.me/Khamenei_fa", "gap.im/khamenei_ir");
  }

  @Test
  void textEntitiesArePreferredOverText() throws Exception {
    TelegramExportText t =
        TelegramExportText.of(
            message(
                "{\"text\": \"old form\", \"text_entities\": [{\"type\": \"plain\", \"text\": \"تازه \"},"
                    + " {\"type\": \"link\", \"text\": \"https://eitaa.com/khamenei_ir\"}]}"));
    assertThat(t.text()).isEqualTo("تازه https://eitaa.com/khamenei_ir");
    assertThat(t.links()).containsExactly("https://eitaa.com/khamenei_ir");
  }

  @Test
  void aLinkRepeatedInOnePostIsOneLinkAndEmptyTextIsEmpty() throws Exception {
    TelegramExportText t =
        TelegramExportText.of(
            message("{\"text_entities\": [{\"type\": \"link\", \"text\": \"t.me/a_b_c\"}, {\"type\": \"link\", \"text\": \"t.me/a_b_c\"}]}"));
    assertThat(t.links()).containsExactly("t.me/a_b_c");
    assertThat(TelegramExportText.of(message("{\"id\": 1}")).text()).isEmpty();
    assertThat(TelegramExportText.of(message("{\"text\": \"\", \"text_entities\": []}")).text()).isEmpty();
  }

  @Test
  void textOfAnotherShapeIsRefusedWithTheReason() {
    assertThatThrownBy(() -> TelegramExportText.of(message("{\"text\": 42}")))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessage("field 'text' must be a string or an array, got NUMBER");
    assertThatThrownBy(() -> TelegramExportText.of(message("{\"text\": [{\"type\": \"bold\"}]}")))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageStartingWith("an entity in 'text' has no text");
    assertThatThrownBy(() -> TelegramExportText.of(message("{\"text_entities\": [7]}")))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessage("field 'text_entities' must hold strings and entity objects, got NUMBER");
  }

  private static JsonNode message(String json) throws Exception {
    return JSON.readTree(json);
  }
}
