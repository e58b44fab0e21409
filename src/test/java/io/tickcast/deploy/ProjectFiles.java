package io.tickcast.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The repository's files as the deployment tests see them: paths relative to the top (where pom.xml is). */
final class ProjectFiles {

    static final Path ROOT = findRoot();

    private ProjectFiles() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + relative + " (from " + ROOT + ")", e);
        }
    }

    /** Every regular file under a directory, relative to the top, sorted. */
    static List<String> filesUnder(String relativeDir) {
        try (Stream<Path> s = Files.walk(path(relativeDir))) {
            return s.filter(Files::isRegularFile).map(p -> ROOT.relativize(p).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pom's project version, e.g. 0.2.0-SNAPSHOT. */
    static String pomVersion() {
        return childText(pom().getDocumentElement(), "version");
    }

    /** A property of the pom's properties section, e.g. kafka.version. */
    static String pomProperty(String name) {
        return childText(firstChild(pom().getDocumentElement(), "properties"), name);
    }

    /** build/finalName: the runnable jar is target/FINALNAME.jar. */
    static String pomFinalName() {
        return childText(firstChild(pom().getDocumentElement(), "build"), "finalName");
    }

    private static Document pom() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(path("pom.xml").toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot parse pom.xml", e);
        }
    }

    private static Element firstChild(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        throw new IllegalStateException("pom.xml: no <" + name + "> in <" + parent.getTagName() + ">");
    }

    private static String childText(Element parent, String name) {
        return firstChild(parent, name).getTextContent().trim();
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("src"))) {
                return p;
            }
        }
        throw new IllegalStateException("no pom.xml above " + dir);
    }
}
