package io.tickcast.config;

import java.util.Collection;
import java.util.Comparator;

import org.apache.commons.text.similarity.LevenshteinDistance;

/** "Did you mean": the candidate closest to a misspelt name, by edit distance (ties: alphabetical). */
public final class NearestName {

    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    private NearestName() {
    }

    public static String among(String name, Collection<String> candidates) {
        return candidates.stream()
                .min(Comparator.<String>comparingInt(c -> DISTANCE.apply(name, c)).thenComparing(Comparator.naturalOrder()))
                .orElseThrow();
    }
}
