// The instructions module: ORG-11, the Secretariat bound by the Council's decisions and the
// President's instructions.
#include "modules/instructions/instructions.hpp"

namespace kenes::instructions {

std::vector<http::Need> needs_of(db::Tx&, const http::Viewer&);

void register_module(http::Registry& r)
{
    r.migrations.push_back({ 1020, "instructions to the secretariat", R"sql(
-- ORG-11: a decision of the Council (its adopted agenda item) or an instruction of the President,
-- binding the Secretariat: assignee, deadline, status; every change of status is kept.
CREATE TABLE instructions (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    body_id BIGINT NOT NULL,
    secretariat_id BIGINT NOT NULL,
    source TEXT NOT NULL,
    agenda_item_id BIGINT,
    issued_by BIGINT,
    text TEXT NOT NULL,
    assignee_id BIGINT NOT NULL,
    deadline TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, id),
    FOREIGN KEY (institution_id, body_id) REFERENCES bodies (institution_id, id),
    FOREIGN KEY (institution_id, secretariat_id) REFERENCES bodies (institution_id, id),
    FOREIGN KEY (institution_id, assignee_id) REFERENCES persons (institution_id, id)
);
CREATE INDEX instructions_body ON instructions (institution_id, body_id, deadline);
CREATE INDEX instructions_secretariat ON instructions (institution_id, secretariat_id, deadline);
CREATE INDEX instructions_assignee ON instructions (institution_id, assignee_id, status);
CREATE TABLE instruction_events (
    institution_id BIGINT NOT NULL,
    instruction_id BIGINT NOT NULL,
    seq INTEGER NOT NULL,
    status TEXT NOT NULL,
    note TEXT NOT NULL,
    person_id BIGINT,
    at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, instruction_id, seq)
);
)sql" });
    r.migrations.push_back({ 1021, "annulled decisions", R"sql(
-- MTG-8: a decision of the executive annulled by an adopted decision of the General Meeting.
CREATE TABLE decision_annulments (
    institution_id BIGINT NOT NULL,
    item_id BIGINT NOT NULL,
    by_item_id BIGINT NOT NULL,
    recorded_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, item_id)
);
CREATE INDEX decision_annulments_by ON decision_annulments (institution_id, by_item_id);
)sql" });
    r.needs.push_back({ "instructions", needs_of });
    detail::register_routes(r);
    detail::register_annulment_routes(r);
}

}
