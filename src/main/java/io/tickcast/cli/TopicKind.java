package io.tickcast.cli;

import java.util.function.Supplier;

import io.tickcast.config.TickcastConfig;
import io.tickcast.kafka.TickcastAcls;

/** The topics tickcast writes, as {@code consume --topic-kind} names them: where each is and how it is shown. */
enum TopicKind implements Spelled {
    FORECASTS("forecasts", TickcastAcls.User.CONSUME, ForecastView::new),
    DEAD_LETTERS("dead-letters", TickcastAcls.User.CONSUME_DEAD_LETTERS, DeadLetterView::new),
    MODELS("models", TickcastAcls.User.CONSUME_MODELS, ModelView::new),
    TICKS("ticks", TickcastAcls.User.CONSUME_TICKS, TickView::new);

    private final String spelling;
    private final TickcastAcls.User reader;
    private final Supplier<RecordView> view;

    TopicKind(String spelling, TickcastAcls.User reader, Supplier<RecordView> view) {
        this.spelling = spelling;
        this.reader = reader;
        this.view = view;
    }

    @Override
    public String spelling() {
        return spelling;
    }

    /** Who reads it, for the ACL check: it needs READ on this topic only. */
    TickcastAcls.User reader() {
        return reader;
    }

    RecordView view() {
        return view.get();
    }

    /** The topic's name in {@code config} ({@code topic.*} settings). */
    String topicIn(TickcastConfig config) {
        TickcastConfig.Topics t = config.topics();
        return switch (this) {
            case FORECASTS -> t.forecasts();
            case DEAD_LETTERS -> t.deadLetter();
            case MODELS -> t.models();
            case TICKS -> t.ticks();
        };
    }

    /** {@code config} with this kind's topic named {@code topic} (what {@code --topic} overrides). */
    TickcastConfig withTopic(TickcastConfig config, String topic) {
        TickcastConfig.Topics t = config.topics();
        return config.withTopics(switch (this) {
            case FORECASTS -> new TickcastConfig.Topics(t.ticks(), topic, t.deadLetter(), t.models());
            case DEAD_LETTERS -> new TickcastConfig.Topics(t.ticks(), t.forecasts(), topic, t.models());
            case MODELS -> new TickcastConfig.Topics(t.ticks(), t.forecasts(), t.deadLetter(), topic);
            case TICKS -> new TickcastConfig.Topics(topic, t.forecasts(), t.deadLetter(), t.models());
        });
    }

    static final class Converter extends Spelled.Converter<TopicKind> {
        Converter() {
            super(TopicKind.class);
        }
    }
}
