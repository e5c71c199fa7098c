package dev.vodhook.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The reactor's Java sources, every module's: lines of at most {@value #MAX} characters and no unused imports.
 * Files still waiting to be wrapped are listed in {@code long-lines-allowed.txt}; a listed file that has been
 * wrapped must leave the list, so it only shrinks.
 */
class SourceLinesTest {
    static final int MAX = 120;
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)\\s*;", Pattern.MULTILINE);

    private final Path root = reactorRoot();

    @Test
    void linesAreAtMost120CharactersLong() {
        Set<String> allowed = allowedLongLines();
        List<String> tooLong = new ArrayList<>();
        Set<String> wrapped = new TreeSet<>(allowed);
        for (Path file : javaSources()) {
            String name = root.relativize(file).toString().replace('\\', '/');
            List<String> lines = lines(file);
            boolean hasLong = false;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).length() > MAX) {
                    hasLong = true;
                    if (!allowed.contains(name)) {
                        tooLong.add(name + ":" + (i + 1) + " has " + lines.get(i).length() + " characters");
                    }
                }
            }
            if (hasLong) {
                wrapped.remove(name);
            }
        }
        assertThat(tooLong).as("lines over %d characters (wrap them where they are)", MAX).isEmpty();
        assertThat(wrapped).as("files in long-lines-allowed.txt with no long line left: take them off the list")
                .isEmpty();
    }

    @Test
    void noImportIsUnused() {
        List<String> unused = new ArrayList<>();
        for (Path file : javaSources()) {
            String text = String.join("\n", lines(file));
            String body = IMPORT.matcher(text).replaceAll("");
            Matcher m = IMPORT.matcher(text);
            while (m.find()) {
                String imported = m.group(2);
                if (imported.endsWith(".*")) {
                    continue;
                }
                String simple = imported.substring(imported.lastIndexOf('.') + 1);
                if (!Pattern.compile("\\b" + Pattern.quote(simple) + "\\b").matcher(body).find()) {
                    unused.add(root.relativize(file) + ": " + imported);
                }
            }
        }
        assertThat(unused).as("unused imports").isEmpty();
    }

    private List<Path> javaSources() {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !relative(p).matches("(^|.*/)(target|node_modules|\\.[^/]+)/.*"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String relative(Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    private Set<String> allowedLongLines() {
        try (var in = SourceLinesTest.class.getResourceAsStream("/long-lines-allowed.txt")) {
            Set<String> allowed = new TreeSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    allowed.add(line.strip());
                }
            }
            return allowed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory above this module, the one with the reactor's pom and {@code mvnw}. */
    private static Path reactorRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.exists(dir.resolve("mvnw")) && Files.exists(dir.resolve("testkit")))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the reactor root above %s", Path.of("").toAbsolutePath()).isNotNull();
        return dir;
    }
}
