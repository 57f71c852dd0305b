package dev.twoway.core.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class GrantSetTest {
    private static final List<String> SINK = List.of("SELECT", "INSERT", "UPDATE", "DELETE");

    @Test
    void theReadmeSinkGrantsCoverTheMigratedDatabaseAndTheSidecar() {
        GrantSet grants = GrantSet.of(List.of("GRANT USAGE ON *.* TO `twoway_sink`@`%`",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON `shop`.* TO `twoway_sink`@`%`",
                "GRANT CREATE, SELECT, INSERT, UPDATE ON `\\_twoway`.* TO `twoway_sink`@`%`"));
        assertEquals(List.of(), grants.missingOn("shop", SINK));
        assertEquals(List.of(), grants.missingOn("_twoway", List.of("CREATE", "SELECT", "INSERT", "UPDATE")));
        assertEquals(List.of("DELETE"), grants.missingOn("_twoway", List.of("SELECT", "DELETE")));
        assertEquals(SINK, grants.missingOn("xtwoway", SINK), "the escaped _ is no wildcard");
        assertEquals(SINK, grants.missingOn("other", SINK));
    }

    @Test
    void globalAllAndWildcardGrantsCountAndPartialRevokesTakeAway() {
        GrantSet grants = GrantSet.of(List.of("GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION",
                "REVOKE INSERT ON `vault`.* FROM `root`@`localhost`"));
        assertEquals(List.of(), grants.missingOn("anything", SINK));
        assertEquals(List.of("INSERT"), grants.missingOn("vault", SINK));
        GrantSet wild = GrantSet.of(List.of("GRANT SELECT, DELETE ON `app_%`.* TO `u`@`%`",
                "GRANT INSERT, UPDATE ON `app\\_1`.* TO `u`@`%`"));
        assertEquals(List.of("INSERT", "UPDATE"), wild.missingOn("app_2", SINK));
        assertEquals(List.of("SELECT", "DELETE"), wild.missingOn("app_1", SINK), "an exact grant is the one MySQL takes");
    }

    @Test
    void tableAndColumnGrantsDoNotCoverADatabaseAndOddNamesAreUnquoted() {
        GrantSet grants = GrantSet.of(List.of("GRANT SELECT (`id`, `name`), INSERT ON `shop`.`users` TO `u`@`%`",
                "GRANT SELECT, INSERT (`a`), UPDATE ON `we``ird`.* TO `u`@`%`", "GRANT `role`@`%` TO `u`@`%`",
                "GRANT BACKUP_ADMIN,XA_RECOVER_ADMIN ON *.* TO `u`@`%`"));
        assertEquals(SINK, grants.missingOn("shop", SINK));
        assertEquals(List.of("INSERT", "DELETE"), grants.missingOn("we`ird", SINK));
    }

    @Test
    void wildcardsMatchAsMySqlDoes() {
        assertTrue(GrantSet.matches("sh_p", "shop"));
        assertFalse(GrantSet.matches("sh\\_p", "shop"));
        assertTrue(GrantSet.matches("sh\\_p", "sh_p"));
        assertTrue(GrantSet.matches("s%", "shop"));
        assertFalse(GrantSet.matches("s\\%", "shop"));
        assertTrue(GrantSet.matches("a.b", "a.b"));
        assertFalse(GrantSet.matches("a.b", "axb"));
    }

    @Test
    void aDynamicPrivilegeIsHeldGloballyOnlyWhenGrantedByName() {
        List<String> kill = List.of("CONNECTION_ADMIN", "SUPER");
        assertTrue(GrantSet.of(List.of("GRANT USAGE ON *.* TO `c`@`%`", "GRANT CONNECTION_ADMIN ON *.* TO `c`@`%`"))
                .holdsGlobally(kill));
        assertTrue(GrantSet.of(List.of("GRANT ALL PRIVILEGES ON *.* TO `c`@`%`")).holdsGlobally(kill),
                "ALL PRIVILEGES holds SUPER");
        assertFalse(GrantSet.of(List.of("GRANT ALL PRIVILEGES ON *.* TO `c`@`%`")).holdsGlobally(List.of("CONNECTION_ADMIN")),
                "ALL PRIVILEGES holds no dynamic privilege");
        assertFalse(GrantSet.of(List.of("GRANT USAGE ON *.* TO `c`@`%`", "GRANT ALL PRIVILEGES ON `shop`.* TO `c`@`%`"))
                .holdsGlobally(kill), "a database's grants hold no global privilege");
    }
}
