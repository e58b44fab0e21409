package io.tickcast.cli;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import picocli.CommandLine;

/** An option value with one spelling on the command line (e.g. {@code dead-letters}), and its converter. */
interface Spelled {

    /** How the command line spells this value. */
    String spelling();

    /** Converts a spelling to its constant; the error names every spelling. */
    abstract class Converter<E extends Enum<E> & Spelled> implements CommandLine.ITypeConverter<E> {

        private final Class<E> type;

        Converter(Class<E> type) {
            this.type = type;
        }

        @Override
        public E convert(String value) {
            E[] all = type.getEnumConstants();
            for (E e : all) {
                if (e.spelling().equalsIgnoreCase(value.trim())) {
                    return e;
                }
            }
            throw new CommandLine.TypeConversionException("expected " + spellings(Arrays.asList(all)) + ", got '" + value + "'");
        }

        private static String spellings(List<? extends Spelled> values) {
            List<String> s = values.stream().map(Spelled::spelling).toList();
            return s.size() == 1 ? s.get(0)
                    : s.subList(0, s.size() - 1).stream().collect(Collectors.joining(", ")) + " or " + s.get(s.size() - 1);
        }
    }
}
