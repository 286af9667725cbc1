package dev.chatbot.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PhotoFormatTest {

    @Test
    void recognisesJpegPngAndWebpByTheirFirstBytes() {
        assertThat(PhotoFormat.of(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0}))
                .contains(PhotoFormat.JPEG);
        assertThat(PhotoFormat.of(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0}))
                .contains(PhotoFormat.PNG);
        assertThat(PhotoFormat.of("RIFF\u0010\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1)))
                .contains(PhotoFormat.WEBP);
        assertThat(PhotoFormat.WEBP.mimeType()).isEqualTo("image/webp");
    }

    @Test
    void refusesOtherFilesWhateverTheyClaimToBe() {
        assertThat(PhotoFormat.of("GIF89a....".getBytes(StandardCharsets.US_ASCII)))
                .isEmpty();
        assertThat(PhotoFormat.of("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.US_ASCII)))
                .isEmpty();
        assertThat(PhotoFormat.of("RIFF\u0010\0\0\0WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1)))
                .isEmpty();
        assertThat(PhotoFormat.of(new byte[] {(byte) 0x89, 'P', 'N'})).isEmpty();
        assertThat(PhotoFormat.of(new byte[] {(byte) 0xff, (byte) 0xd8})).isEmpty();
        assertThat(PhotoFormat.of(new byte[0])).isEmpty();
        assertThat(PhotoFormat.of(null)).isEmpty();
    }
}
