package dev.chatbot.intent.opennlp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenNlpTextPipelineTest {

    private final OpenNlpTextPipeline pipeline = new OpenNlpTextPipeline(true);

    @Test
    void foldsCaseAccentsAndRepeatedLetters() {
        assertThat(pipeline.normalise("  Héllo   THERE, sooooo late!! ")).isEqualTo("hello there, soo late!!");
    }

    @Test
    void replacesNumbersLinksAndEmailsWithPlaceholders() {
        assertThat(pipeline.normalise("Order #48213 costs 12,50 see https://x.example/a or mail a.b+c@shop.example"))
                .isEqualTo("order # 0 costs 0 see urltoken or mail emailtoken");
    }

    @Test
    void tokenisesDropsPunctuationAndStems() {
        assertThat(pipeline.tokens("Where are my parcels? Shipping, please!"))
                .containsExactly("where", "ar", "my", "parcel", "?", "ship", "pleas", "!");
    }

    @Test
    void withoutStemmingKeepsWordForms() {
        assertThat(new OpenNlpTextPipeline(false).tokens("shipping parcels")).containsExactly("shipping", "parcels");
    }

    @Test
    void acceptsEmptyAndWhitespaceText() {
        assertThat(pipeline.tokens("   ")).isEmpty();
        assertThat(pipeline.normalise("")).isEmpty();
    }
}
