package dev.twoway.it.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * README.md's option reference is what the connectors' ConfigDefs say. With
 * {@code -Dtwoway.docs.write=true} (what {@code ./twoway docs} runs) it rewrites the block instead.
 */
class OptionReferenceTest {
    private static final String REGENERATE = "regenerate it with ./twoway docs (it rewrites the block in place)";

    @Test
    void readmeOptionReferenceIsGeneratedFromTheConfigDefs() throws IOException {
        Path readme = Path.of(System.getProperty("basedir", ".")).resolve("../README.md").toAbsolutePath().normalize();
        String text = Files.readString(readme);
        if (Boolean.getBoolean("twoway.docs.write")) {
            Files.writeString(readme, OptionReference.replaceBlock(text));
            return;
        }
        String block = OptionReference.currentBlock(text);
        assertNotNull(block, readme + " has no " + OptionReference.START + " ... " + OptionReference.END + " block; "
                + "add the two markers and " + REGENERATE);
        assertEquals(OptionReference.render(), block, readme + "'s option reference differs from the connectors' "
                + "ConfigDefs; " + REGENERATE);
    }
}
