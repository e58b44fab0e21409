package io.tickcast.topology;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.tickcast.evidence.BettingEProcess;
import io.tickcast.evidence.SymbolEvidence;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The evidence store's values in binary: a symbol's evidence is written on every tick, to RocksDB and its
 * changelog, so it is kept small and quick to write (216 bytes with the default bets, doubles as they are, where JSON spends most of
 * its time printing them). Layout, big-endian: format byte ({@link #FORMAT}); serving (ordinal); the promotion and
 * the demotion process (direction ordinal, grid size, each grid log-wealth, adaptive log-wealth, sumX, sumSquares,
 * weight, observations); scored; the last counted date as an epoch day ({@link Long#MIN_VALUE}: none); promotions;
 * demotions. A value of another format is refused with a clear error rather than misread.
 */
final class SymbolEvidenceSerde {

    static final byte FORMAT = 1;

    private SymbolEvidenceSerde() {
    }

    static Serde<SymbolEvidence> serde() {
        return Serdes.serdeFrom(serializer(), deserializer());
    }

    static Serializer<SymbolEvidence> serializer() {
        return (topic, e) -> e == null ? null : write(e);
    }

    static Deserializer<SymbolEvidence> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(SymbolEvidence e) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(160);
        try (DataOutputStream out = new DataOutputStream(buf)) {
            out.writeByte(FORMAT);
            out.writeByte(e.serving().ordinal());
            write(out, e.forPromotion());
            write(out, e.forDemotion());
            out.writeLong(e.scored());
            out.writeLong(e.lastCounted() == null ? Long.MIN_VALUE : e.lastCounted().toEpochDay());
            out.writeLong(e.promotions());
            out.writeLong(e.demotions());
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return buf.toByteArray();
    }

    static SymbolEvidence read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new SerializationException("symbol evidence of format " + format + ", this build reads format "
                        + FORMAT + " (written by a newer build?)");
            }
            SymbolEvidence.Serving serving = SymbolEvidence.Serving.values()[in.readByte()];
            BettingEProcess promotion = readProcess(in);
            BettingEProcess demotion = readProcess(in);
            long scored = in.readLong();
            long day = in.readLong();
            return new SymbolEvidence(serving, promotion, demotion, scored,
                    day == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(day), in.readLong(), in.readLong());
        } catch (IOException | RuntimeException x) {
            throw x instanceof SerializationException s ? s
                    : new SerializationException("unreadable symbol evidence (" + bytes.length + " bytes): " + x, x);
        }
    }

    private static void write(DataOutputStream out, BettingEProcess p) throws IOException {
        out.writeByte(p.direction().ordinal());
        out.writeShort(p.logWealth().size());
        for (double w : p.logWealth()) {
            out.writeDouble(w);
        }
        out.writeDouble(p.adaptiveLogWealth());
        out.writeDouble(p.sumX());
        out.writeDouble(p.sumSquares());
        out.writeDouble(p.weight());
        out.writeLong(p.observations());
    }

    private static BettingEProcess readProcess(DataInputStream in) throws IOException {
        BettingEProcess.Direction direction = BettingEProcess.Direction.values()[in.readByte()];
        int n = in.readShort();
        List<Double> grid = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            grid.add(in.readDouble());
        }
        return new BettingEProcess(direction, grid, in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
                in.readLong());
    }
}
