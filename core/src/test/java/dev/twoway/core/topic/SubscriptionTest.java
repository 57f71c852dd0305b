package dev.twoway.core.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;

import org.junit.jupiter.api.Test;

class SubscriptionTest {
    @Test
    void aRegexTakesATableWhoseTopicItMatchesWithAPrefixFromItsLiteralStartWhatItConsumedOrTheDefault() {
        Subscription literal = Subscription.of(null, "tw1\\.shop\\..*");
        assertEquals("tw1.shop.users", literal.coveredTopic("shop", "users", Set.of()));
        assertNull(literal.coveredTopic("other", "users", Set.of()));
        Subscription hidden = Subscription.of(null, "(?:tw1)\\.shop\\..*");
        assertNull(hidden.coveredTopic("shop", "users", Set.of()), "no literal start to take the prefix from");
        assertEquals("tw1.shop.users", hidden.coveredTopic("shop", "users", Set.of("tw1")));
        assertEquals("twoway.shop.users", Subscription.of(null, ".*").coveredTopic("shop", "users", Set.of()));
        Subscription dotted = Subscription.of(null, "a\\.b\\.shop\\..*");
        assertNull(dotted.coveredTopic("shop", "users", Set.of()), "a prefix with a dot is not guessed");
        assertEquals("a.b.shop.users", dotted.coveredTopic("shop", "users", Set.of("a.b")), "but learnt");
    }

    @Test
    void aListTakesTheTablesItNamesWhateverThePrefix() {
        Subscription list = Subscription.of("p.shop.users, p.shop.orders", null);
        assertEquals("p.shop.orders", list.coveredTopic("shop", "orders", Set.of()));
        assertNull(list.coveredTopic("shop", "items", Set.of()));
        assertEquals(Set.of("shop"), list.listedDatabases());
    }

    @Test
    void topicsAreSanitisedAsDebeziumDoesAndPrefixesReadBack() {
        assertEquals("tw.shop.us_rs_1", Subscription.topic("tw", "shop", "us€rs 1"));
        assertEquals(".sh_p.t", Subscription.suffix("sh\u00f6p", "t"));
        assertEquals("a.b", Subscription.prefixOf("a.b.shop.users"));
        assertNull(Subscription.prefixOf("shop.users"));
        assertEquals("tw.shop.", Subscription.literalLead("tw\\.shop\\..*"));
        assertNull(Subscription.of(null, "([").coveredTopic("shop", "users", Set.of()), "an unparsable regex takes nothing");
    }
}
