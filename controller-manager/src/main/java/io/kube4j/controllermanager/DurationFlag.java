package io.kube4j.controllermanager;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Go-style durations as Kubernetes flags take them: {@code 500ms}, {@code 40s}, {@code 5m}, {@code 1h30m}, {@code 0}. */
final class DurationFlag implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    static Duration parse(String value) {
        String text = value.trim();
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(text);
        int end = 0;
        double millis = 0;
        while (m.find() && m.start() == end) {
            double n = Double.parseDouble(m.group(1));
            millis += switch (m.group(2)) {
                case "ms" -> n;
                case "s" -> n * 1000;
                case "m" -> n * 60_000;
                default -> n * 3_600_000;
            };
            end = m.end();
        }
        if (end == 0 || end != text.length()) {
            throw new CommandLine.TypeConversionException("invalid duration \"" + value + "\" (use e.g. 500ms, 40s, 5m, 1h)");
        }
        return Duration.ofMillis(Math.round(millis));
    }
}
