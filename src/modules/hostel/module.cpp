// The hostel module: tables, permissions and routes.
#include "modules/hostel/hostel.hpp"
#include "modules/hostel/orders.hpp"
#include "modules/hostel/routes.hpp"
#include "security/permissions.hpp"

namespace kenes::hostel {

void register_module(http::Registry& r)
{
    r.migrations.push_back({ 960, "hostel allocation", R"sql(
-- HST-DAY-1: the daily routine, institution settings shown to residents ("HH:MM").
ALTER TABLE institutions ADD COLUMN hostel_opens TEXT NOT NULL DEFAULT '06:00';
ALTER TABLE institutions ADD COLUMN hostel_closes TEXT NOT NULL DEFAULT '20:00';
ALTER TABLE institutions ADD COLUMN hostel_gadgets_off TEXT NOT NULL DEFAULT '21:30';
ALTER TABLE institutions ADD COLUMN hostel_lights_out TEXT NOT NULL DEFAULT '22:00';
-- The stock: hostels, rooms (one gender each) and places.
CREATE TABLE hostels (
    institution_id BIGINT NOT NULL REFERENCES institutions (id),
    id BIGINT NOT NULL,
    name TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    head_person_id BIGINT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, id)
);
CREATE TABLE hostel_rooms (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    hostel_id BIGINT NOT NULL,
    floor INTEGER NOT NULL,
    number TEXT NOT NULL,
    gender TEXT NOT NULL,
    PRIMARY KEY (institution_id, id),
    FOREIGN KEY (institution_id, hostel_id) REFERENCES hostels (institution_id, id)
);
CREATE UNIQUE INDEX hostel_rooms_number ON hostel_rooms (institution_id, hostel_id, number);
CREATE TABLE hostel_places (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    room_id BIGINT NOT NULL,
    label TEXT NOT NULL,
    out_of_use INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (institution_id, id),
    FOREIGN KEY (institution_id, room_id) REFERENCES hostel_rooms (institution_id, id)
);
CREATE UNIQUE INDEX hostel_places_label ON hostel_places (institution_id, room_id, label);
-- The campaign and occupancy plan of one academic year: grant ("Orken", free) and paid places,
-- the year's price (HST-PAID-1), the deadline (HST-APP-1: July 1, Almaty) and its extension by a
-- recorded commission decision, the commission that allocates, the offer window of the reserve.
CREATE TABLE hostel_campaigns (
    institution_id BIGINT NOT NULL REFERENCES institutions (id),
    id BIGINT NOT NULL,
    academic_year TEXT NOT NULL,
    commission_body_id BIGINT NOT NULL,
    grant_places INTEGER NOT NULL,
    paid_places INTEGER NOT NULL,
    price_tenge BIGINT NOT NULL DEFAULT 0,
    deadline TEXT NOT NULL,
    extended_until TEXT,
    extension_reason TEXT,
    extension_item_id BIGINT,
    offer_hours INTEGER NOT NULL DEFAULT 24,
    created_by BIGINT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, id)
);
CREATE UNIQUE INDEX hostel_campaigns_year ON hostel_campaigns (institution_id, academic_year);
-- The application journal (appendix 3): numbered per campaign, registered to the second. The
-- declared priority group (HST-PRI-1: 1..5) and subgroups (HST-PRI-2, a comma list of codes), the
-- form (HST-APP-3: "app1" for groups 1-3 and paid places, "app2" with the undertaking to vacate for
-- groups 4-5), the consent to a home inspection (HST-COM-1). status: registered, withdrawn,
-- refused, allocated_grant, allocated_paid, reserve, offered, declined, settled.
CREATE TABLE hostel_applications (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    number INTEGER NOT NULL,
    student_id BIGINT NOT NULL,
    grade INTEGER NOT NULL,
    gender TEXT NOT NULL,
    applicant_id BIGINT,
    channel TEXT NOT NULL,
    priority_group INTEGER NOT NULL,
    subgroups TEXT NOT NULL DEFAULT '',
    home_locality TEXT NOT NULL DEFAULT '',
    wants_paid INTEGER NOT NULL DEFAULT 0,
    form TEXT NOT NULL,
    consent_inspection INTEGER NOT NULL DEFAULT 0,
    undertaking_to_vacate INTEGER NOT NULL DEFAULT 0,
    registered_at BIGINT NOT NULL,
    registered_by BIGINT,
    status TEXT NOT NULL,
    status_reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (institution_id, id),
    FOREIGN KEY (institution_id, student_id) REFERENCES persons (institution_id, id)
);
CREATE UNIQUE INDEX hostel_applications_number ON hostel_applications (institution_id, campaign_id, number);
CREATE UNIQUE INDEX hostel_applications_student ON hostel_applications (institution_id, campaign_id, student_id);
CREATE INDEX hostel_applications_status ON hostel_applications (institution_id, campaign_id, status);
-- HST-APP-2: the documents of an application, checked by content (SHA-256); the commission's only.
CREATE TABLE hostel_documents (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    application_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    file_name TEXT NOT NULL,
    file_type TEXT NOT NULL,
    file_size BIGINT NOT NULL,
    file_sha256 TEXT NOT NULL,
    file_data {blob} NOT NULL,
    uploaded_by BIGINT,
    uploaded_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, id)
);
CREATE INDEX hostel_documents_application ON hostel_documents (institution_id, application_id);
-- HST-COM-1: the commission's inspection of the family's living conditions.
CREATE TABLE hostel_inspections (
    institution_id BIGINT NOT NULL,
    application_id BIGINT NOT NULL,
    inspected_on TEXT NOT NULL,
    housing TEXT NOT NULL,
    household TEXT NOT NULL,
    finances TEXT NOT NULL,
    sanitary TEXT NOT NULL,
    study_place TEXT NOT NULL,
    readiness TEXT NOT NULL,
    conclusion TEXT NOT NULL,
    inspected_by BIGINT,
    recorded_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, application_id)
);
-- The commission's decisions (MTG-4 via the adopted agenda item): the allocation, a deadline
-- extension, a bumping (HST-BUMP-1, appendix 4). The principal's order follows; it is signed as
-- discipline's orders are and verified at /verify/<code>.
CREATE TABLE hostel_decisions (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    agenda_item_id BIGINT,
    decided_at BIGINT,
    order_number TEXT,
    order_date TEXT,
    verification_code TEXT,
    snapshot TEXT,
    signature TEXT,
    created_by BIGINT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, id)
);
CREATE UNIQUE INDEX hostel_decisions_code ON hostel_decisions (verification_code);
-- Each applicant's line of a decision: rank, outcome (grant, paid, reserve, refused, vacate) and,
-- where it departs from the ranking, the recorded reason.
CREATE TABLE hostel_decision_lines (
    institution_id BIGINT NOT NULL,
    decision_id BIGINT NOT NULL,
    application_id BIGINT NOT NULL,
    rank INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    deviation_reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (institution_id, decision_id, application_id)
);
-- HST-RES-1: an offer of a freed place to the next on the reserve list, with its deadline.
CREATE TABLE hostel_offers (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    application_id BIGINT NOT NULL,
    basis TEXT NOT NULL,
    place_id BIGINT,
    offered_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    state TEXT NOT NULL,
    answered_by BIGINT,
    answered_at BIGINT,
    PRIMARY KEY (institution_id, id)
);
CREATE INDEX hostel_offers_application ON hostel_offers (institution_id, application_id);
CREATE INDEX hostel_offers_state ON hostel_offers (institution_id, state, expires_at);
)sql" });
    r.migrations.push_back({ 965, "hostel orders", R"sql(
-- The principal's hostel orders (orders.hpp): a frozen snapshot, numbered per academic year,
-- signed like protocols; verification codes carry an "h".
CREATE TABLE hostel_orders (
    institution_id BIGINT NOT NULL REFERENCES institutions (id),
    id BIGINT NOT NULL,
    academic_year TEXT NOT NULL,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    person_id BIGINT,
    decision_id BIGINT,
    issued_on TEXT NOT NULL,
    snapshot_json TEXT NOT NULL,
    document_hash {blob} NOT NULL,
    signature {blob} NOT NULL,
    public_key {blob} NOT NULL,
    verification_code TEXT NOT NULL,
    created_by BIGINT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, id)
);
CREATE UNIQUE INDEX hostel_orders_number ON hostel_orders (institution_id, academic_year, seq);
CREATE UNIQUE INDEX hostel_orders_code ON hostel_orders (verification_code);
CREATE INDEX hostel_orders_person ON hostel_orders (institution_id, person_id);
)sql" });
    r.migrations.push_back({ 970, "hostel residence", R"sql(
-- HST-REG-1: the residents' register (appendix 6). priority_group is copied from the application
-- (HST-BUMP-1 asks it of residents); basis grant or paid. An eviction closes the line.
CREATE TABLE hostel_residents (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    academic_year TEXT NOT NULL,
    application_id BIGINT,
    place_id BIGINT NOT NULL,
    basis TEXT NOT NULL,
    priority_group INTEGER NOT NULL,
    settled_on TEXT NOT NULL,
    settlement_order_number TEXT NOT NULL,
    settlement_order_date TEXT NOT NULL,
    evicted_on TEXT,
    eviction_id BIGINT,
    recorded_by BIGINT,
    recorded_at BIGINT NOT NULL,
    settlement_order_id BIGINT,
    holiday_stays TEXT NOT NULL DEFAULT '',
    holiday_reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (institution_id, id),
    FOREIGN KEY (institution_id, person_id) REFERENCES persons (institution_id, id)
);
CREATE INDEX hostel_residents_person ON hostel_residents (institution_id, person_id);
CREATE INDEX hostel_residents_place ON hostel_residents (institution_id, place_id, evicted_on);
-- Relocation between rooms by the head.
CREATE TABLE hostel_relocations (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    resident_id BIGINT NOT NULL,
    from_place_id BIGINT NOT NULL,
    to_place_id BIGINT NOT NULL,
    moved_on TEXT NOT NULL,
    reason TEXT NOT NULL,
    recorded_by BIGINT,
    recorded_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, id)
);
-- HST-REG-1: the acceptance certificate for the property (appendix 8) and damage compensated.
CREATE TABLE hostel_certificates (
    institution_id BIGINT NOT NULL,
    resident_id BIGINT NOT NULL,
    items TEXT NOT NULL,
    issued_at BIGINT NOT NULL,
    issued_by BIGINT,
    signed_by_representative BIGINT,
    signed_at BIGINT,
    signed_how TEXT,
    paper_recorded_by BIGINT,
    PRIMARY KEY (institution_id, resident_id)
);
CREATE TABLE hostel_damages (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    resident_id BIGINT NOT NULL,
    description TEXT NOT NULL,
    amount_tenge BIGINT NOT NULL,
    recorded_on TEXT NOT NULL,
    compensated_on TEXT,
    recorded_by BIGINT,
    PRIMARY KEY (institution_id, id)
);
-- HST-LV-1: leave on the representative's application two days ahead, with who accompanies; the
-- duty officer records departure and return. HST-LV-2: vacation lists.
CREATE TABLE hostel_leaves (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    resident_id BIGINT NOT NULL,
    reason TEXT NOT NULL,
    leave_on TEXT NOT NULL,
    return_on TEXT NOT NULL,
    accompanying_name TEXT NOT NULL,
    accompanying_document TEXT NOT NULL DEFAULT '',
    applied_by BIGINT,
    applied_at BIGINT NOT NULL,
    departed_at BIGINT,
    departed_with TEXT,
    departed_recorded_by BIGINT,
    returned_at BIGINT,
    returned_with TEXT,
    returned_recorded_by BIGINT,
    state TEXT NOT NULL,
    PRIMARY KEY (institution_id, id)
);
CREATE INDEX hostel_leaves_resident ON hostel_leaves (institution_id, resident_id, leave_on);
-- HST-VIS-1: the visitors' journal and the head's bans.
CREATE TABLE hostel_visits (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    resident_id BIGINT NOT NULL,
    visitor_name TEXT NOT NULL,
    relation TEXT NOT NULL,
    document TEXT NOT NULL,
    arrived_at BIGINT NOT NULL,
    left_at BIGINT,
    recorded_by BIGINT,
    PRIMARY KEY (institution_id, id)
);
CREATE INDEX hostel_visits_time ON hostel_visits (institution_id, arrived_at);
CREATE TABLE hostel_visitor_bans (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    visitor_name TEXT NOT NULL,
    document TEXT NOT NULL,
    reason TEXT NOT NULL,
    banned_by BIGINT,
    banned_at BIGINT NOT NULL,
    lifted_at BIGINT,
    PRIMARY KEY (institution_id, id)
);
-- HST-VIOL-1, HST-VIOL-2: the violation register (appendix 9); the measure by the principal's order.
CREATE TABLE hostel_violations (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    resident_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    academic_year TEXT NOT NULL,
    occurred_at BIGINT NOT NULL,
    description TEXT NOT NULL,
    nature TEXT NOT NULL DEFAULT '',
    severity TEXT NOT NULL DEFAULT '',
    circumstances TEXT NOT NULL DEFAULT '',
    behaviour TEXT NOT NULL DEFAULT '',
    ordinal INTEGER NOT NULL,
    measure TEXT NOT NULL,
    familiarised_at BIGINT,
    representative_notified_at BIGINT,
    explanation TEXT,
    explanation_at BIGINT,
    order_number TEXT,
    order_date TEXT,
    recorded_by BIGINT,
    recorded_at BIGINT NOT NULL,
    familiarised_how TEXT,
    familiarised_by BIGINT,
    explanation_by BIGINT,
    order_id BIGINT,
    eviction_id BIGINT,
    PRIMARY KEY (institution_id, id)
);
CREATE INDEX hostel_violations_person ON hostel_violations (institution_id, person_id, academic_year);
-- HST-EV-1, HST-EV-2: the head's submission, the bypass sheet, the principal's order, vacating
-- within three days; no_resettle for the reasons that bar re-settlement while at the school.
CREATE TABLE hostel_evictions (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    resident_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    reason TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT '',
    submitted_by BIGINT,
    submitted_at BIGINT NOT NULL,
    bypass_sheet TEXT NOT NULL DEFAULT '{}',
    order_number TEXT,
    order_date TEXT,
    vacate_by TEXT,
    vacated_at BIGINT,
    vacated_with TEXT,
    resettle_next_year INTEGER NOT NULL,
    state TEXT NOT NULL,
    order_id BIGINT,
    ordered_by BIGINT,
    vacated_recorded_by BIGINT,
    PRIMARY KEY (institution_id, id)
);
CREATE INDEX hostel_evictions_person ON hostel_evictions (institution_id, person_id);
)sql" });
    r.permissions.declare(read_perm, { role::InstitutionAdmin, role::Staff, role::Curator, role::Student, role::LegalRepresentative });
    r.permissions.declare(apply_perm, { role::InstitutionAdmin, role::Staff, role::LegalRepresentative });
    r.permissions.declare(manage_perm, { role::InstitutionAdmin, role::Staff });
    r.permissions.declare(door_perm, { role::InstitutionAdmin, role::Staff });
    detail::register_place_routes(r);
    detail::register_campaign_routes(r);
    detail::register_application_routes(r);
    detail::register_allocation_routes(r);
    detail::register_resident_routes(r);
    detail::register_door_routes(r);
    detail::register_violation_routes(r);
    orders::register_routes(r);
    detail::register_allocation_contributions(r);
    detail::register_residence_contributions(r);
    detail::register_allocation_notices();
    detail::register_residence_notices();
}

}
