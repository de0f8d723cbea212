package io.kube4j.common.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs go to stdout, one line per event, as text or JSON (for Fluentd, Filebeat); {@code -v} raises detail. */
public final class Logging {

    public enum Format { TEXT, JSON }

    private Logging() {
    }

    /**
     * @param verbosity 0 = info for kube4j and warnings for libraries; 1–3 = debug for kube4j; 4+ = debug everywhere
     */
    public static void configure(Format format, int verbosity) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        Encoder<ILoggingEvent> encoder;
        if (format == Format.JSON) {
            LogstashEncoder json = new LogstashEncoder();
            json.setContext(context);
            json.start();
            encoder = json;
        } else {
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setContext(context);
            text.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level %logger{20} - %msg%n");
            text.start();
            encoder = text;
        }
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("stdout");
        console.setEncoder(encoder);
        console.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(console);
        root.setLevel(verbosity >= 4 ? Level.DEBUG : Level.WARN);
        context.getLogger("io.kube4j").setLevel(verbosity >= 1 ? Level.DEBUG : Level.INFO);
    }
}
