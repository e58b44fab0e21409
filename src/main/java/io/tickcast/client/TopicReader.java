package io.tickcast.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

import io.tickcast.kafka.ClientSettings;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the records of one topic as bytes (committed ones only: tickcast's stream and trainer write in
 * transactions), from all its partitions or one, without joining a consumer group. It notes each partition's end
 * when it starts, so a caller can read what was there and stop ({@link #reachedEnd()}), or go on for new records.
 */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, Long> endAtStart;

    /**
     * @param partition the one partition to read, or null for all
     * @throws IllegalArgumentException if the topic has no such partition, or {@code start}'s offset is past the end
     *                                  of the partition or before its oldest record
     */
    public TopicReader(Properties clientProperties, String topic, Integer partition, StartPosition start) {
        this.consumer = new KafkaConsumer<>(ClientSettings.groupFreeReader(clientProperties), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = partitions(topic, partition);
            consumer.assign(partitions);
            this.endAtStart = Map.copyOf(consumer.endOffsets(partitions));
            switch (start.kind()) {
                case EARLIEST -> consumer.seekToBeginning(partitions);
                case LATEST -> consumer.seekToEnd(partitions);
                case OFFSET -> seek(partitions, start.offset());
            }
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    private List<TopicPartition> partitions(String topic, Integer partition) {
        List<TopicPartition> all = consumer.partitionsFor(topic).stream().map(PartitionInfo::partition).sorted()
                .map(p -> new TopicPartition(topic, p)).toList();
        if (all.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        if (partition == null) {
            return all;
        }
        TopicPartition one = new TopicPartition(topic, partition);
        if (!all.contains(one)) {
            throw new IllegalArgumentException("topic " + topic + " has partitions 0.." + (all.size() - 1)
                    + ", no partition " + partition);
        }
        return List.of(one);
    }

    private void seek(List<TopicPartition> partitions, long offset) {
        for (TopicPartition p : partitions) {
            long first = consumer.beginningOffsets(List.of(p)).get(p);
            long end = endAtStart.get(p);
            if (offset < first || offset > end) {
                String holds = first == end ? "holds no records (its next offset is " + end + ")"
                        : "holds offsets " + first + ".." + (end - 1);
                throw new IllegalArgumentException("partition " + p.partition() + " of " + p.topic() + " " + holds
                        + "; offset " + offset + (offset < first ? " is gone (deleted by retention or compaction)"
                        : " is past its end"));
            }
            consumer.seek(p, offset);
        }
    }

    /** Polls once and hands every record read to {@code sink}; returns how many there were. */
    public int poll(Duration timeout, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        int n = 0;
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
            sink.accept(r);
            n++;
        }
        return n;
    }

    /**
     * True once every partition has been read up to where it ended when this reader started (its last stable
     * offset: records of transactions still open then are not waited for).
     */
    public boolean reachedEnd() {
        return ClientSettings.reached(consumer, endAtStart);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
