#include "core/config.hpp"
#include <gtest/gtest.h>

using namespace kenes;

TEST(Config, TheKeyFileAndAnchorsLiveInTheDataDirectoryBesideTheDatabase)
{
    Config sqlite;
    sqlite.database = "sqlite:/var/lib/kenes/kenes.db";
    resolve_data_paths(sqlite);
    EXPECT_EQ(sqlite.data_dir, "/var/lib/kenes");
    EXPECT_EQ(sqlite.key_file, "/var/lib/kenes/keys/kenes.keys");
    EXPECT_EQ(sqlite.audit_anchor_file, "/var/lib/kenes/audit-anchors.log");

    Config here;
    here.database = "sqlite:kenes.db";
    resolve_data_paths(here);
    EXPECT_EQ(here.key_file, "./keys/kenes.keys");

    Config pg;
    pg.database = "postgresql://kenes@db/kenes";
    pg.key_file = "/etc/kenes/kenes.keys";
    resolve_data_paths(pg);
    EXPECT_EQ(pg.data_dir, "data");
    EXPECT_EQ(pg.key_file, "/etc/kenes/kenes.keys");   // an explicit path wins
    EXPECT_EQ(pg.audit_anchor_file, "data/audit-anchors.log");
}

TEST(Config, MetricsListenAddressAndTokenAreChecked)
{
    EXPECT_EQ(parse_listen_address("127.0.0.1:9100"), (std::pair<std::string, uint16_t> { "127.0.0.1", 9100 }));
    EXPECT_EQ(parse_listen_address("[::1]:9100"), (std::pair<std::string, uint16_t> { "::1", 9100 }));
    for (auto bad : { "", "9100", ":9100", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:91a0", "127.0.0.1:123456" })
        EXPECT_FALSE(parse_listen_address(bad)) << bad;
    Config c;
    c.metrics_token = "short";
    EXPECT_THROW(validate(c), std::runtime_error);
    c.metrics_token = "0123456789abcdef";
    c.metrics_listen = "loopback";
    EXPECT_THROW(validate(c), std::runtime_error);
    c.metrics_listen = "127.0.0.1:9100";
    EXPECT_NO_THROW(validate(c));
}
