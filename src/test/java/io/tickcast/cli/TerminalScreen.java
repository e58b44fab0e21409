package io.tickcast.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * What a terminal shows after receiving some output: a minimal emulation of the control sequences console
 * programs use to redraw (carriage return, line feed, cursor up and down, erase to end of line). Lines are
 * unbounded; the cursor cannot move below the last line written, as at the bottom of a real terminal.
 */
final class TerminalScreen {

    private final List<StringBuilder> rows = new ArrayList<>(List.of(new StringBuilder()));
    private int row;
    private int col;

    static List<String> render(String output) {
        TerminalScreen screen = new TerminalScreen();
        screen.feed(output);
        return screen.rows.stream().map(StringBuilder::toString).map(String::stripTrailing).toList();
    }

    private void feed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r') {
                col = 0;
            } else if (c == '\n') {
                row++;
                col = 0;
                if (row == rows.size()) {
                    rows.add(new StringBuilder());
                }
            } else if (c == '\u001b' && i + 1 < s.length() && s.charAt(i + 1) == '[') {
                int end = i + 2;
                while (end < s.length() && !Character.isLetter(s.charAt(end))) {
                    end++;
                }
                if (end == s.length()) {
                    return;
                }
                String arg = s.substring(i + 2, end);
                String count = arg.replaceAll("[^0-9].*", "");
                int n = count.isEmpty() ? 1 : Integer.parseInt(count);
                switch (s.charAt(end)) {
                    case 'A' -> row = Math.max(0, row - n);
                    case 'B' -> row = Math.min(rows.size() - 1, row + n);
                    case 'K' -> rows.get(row).setLength(Math.min(col, rows.get(row).length()));
                    default -> { }   // colours and the like do not move text
                }
                i = end;
            } else {
                StringBuilder line = rows.get(row);
                while (line.length() < col) {
                    line.append(' ');
                }
                if (col < line.length()) {
                    line.setCharAt(col, c);
                } else {
                    line.append(c);
                }
                col++;
            }
        }
    }
}
