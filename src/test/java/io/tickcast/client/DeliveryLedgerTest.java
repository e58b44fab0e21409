package io.tickcast.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {

    @Test
    void onlyAnUnbrokenRunFromTheFirstRecordCountsAsPublished() {
        DeliveryLedger ledger = new DeliveryLedger();
        ledger.acknowledged(0);
        ledger.acknowledged(2);   // another partition may be acknowledged first
        ledger.acknowledged(3);
        assertThat(ledger.acknowledgedPrefix()).isEqualTo(1);
        assertThat(ledger.acknowledgedCount()).isEqualTo(3);
        ledger.acknowledged(1);
        assertThat(ledger.acknowledgedPrefix()).isEqualTo(4);
    }

    @Test
    void theFirstFailureIsKept() {
        DeliveryLedger ledger = new DeliveryLedger();
        assertThat(ledger.hasFailed()).isFalse();
        IllegalStateException first = new IllegalStateException("first");
        ledger.failed(first);
        ledger.failed(new IllegalStateException("second"));
        assertThat(ledger.hasFailed()).isTrue();
        assertThat(ledger.failure()).isSameAs(first);
    }
}
