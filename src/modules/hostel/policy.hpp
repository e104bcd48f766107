#pragma once
// Who may do what in the hostel. Family documents and inspection records are the most sensitive
// data here (GEN-3): the allocation commission sees them, the family sees its own, nobody else.
// Managers are holders of hostel.manage (the head of the hostel); the commission are the members
// and officers of the campaign's Hostel Allocation Commission on the day.
#include "security/policy.hpp"

namespace kenes::hostel::policy {

extern const authz::ObjectKind hostel;        // a hostel of the institution (its rooms and places)
extern const authz::ObjectKind campaign;      // a year's campaign: managers, the commission (BodyMember, BodyOfficer)
// An application: the student (own record), their representatives (own child), managers, the
// commission; the administration.
extern const authz::ObjectKind application;
extern const authz::ObjectKind document;      // a document of an application: as its application
extern const authz::ObjectKind decision;      // a commission decision and its order: through its campaign
extern const authz::ObjectKind offer;         // a reserve offer: through its application
// A resident: the student, their representatives, the curator of their group (own group), managers.
extern const authz::ObjectKind resident;
extern const authz::ObjectKind leave;         // a leave: through its resident
extern const authz::ObjectKind violation;     // a violation: through its resident
extern const authz::ObjectKind eviction;      // an eviction: through its resident
// A principal's hostel order: one about a student as its student; one about many (allocation,
// bumping) as its decision's campaign (managers, administration, the commission).
extern const authz::ObjectKind order;

extern const authz::Policy read_routine;         // the institution (hostel.read)
extern const authz::Policy edit_routine;         // the institution (hostel.manage)
extern const authz::Policy manage_places;        // the institution (hostel.manage): hostels, rooms, places
extern const authz::Policy read_hostel;          // managers, administration
extern const authz::Policy edit_hostel;          // managers, administration
extern const authz::Policy open_campaign;        // the institution (hostel.manage)
extern const authz::Policy list_campaigns;       // the institution (hostel.read; each sees what concerns them)
extern const authz::Policy read_campaign;        // managers, administration, the commission
extern const authz::Policy edit_campaign;        // managers, administration (plan, price)
extern const authz::Policy decide_in_campaign;   // the commission's officers, administration: extension, allocation, bumping
extern const authz::Policy apply;                // the institution (hostel.apply): representatives for their own child, managers on paper
extern const authz::Policy read_application;     // the student, representatives, managers, administration, the commission
extern const authz::Policy edit_application;     // representatives (before the deadline), managers, administration
extern const authz::Policy read_documents;       // representatives and the commission (HST-APP-2: the commission's only)
extern const authz::Policy inspect;              // the commission (HST-COM-1)
extern const authz::Policy read_decision;        // managers, administration, the commission
extern const authz::Policy answer_offer;         // representatives, managers (HST-RES-1)
extern const authz::Policy read_resident;        // the student, representatives, curator, managers, administration
extern const authz::Policy manage_resident;      // managers, administration: relocation, certificate, damage, eviction submission
extern const authz::Policy sign_certificate;     // representatives (HST-REG-1)
extern const authz::Policy apply_for_leave;      // representatives, managers (HST-LV-1)
extern const authz::Policy explain_violation;    // the student, representatives (HST-VIOL-1)
extern const authz::Policy order_eviction;       // the administration (the principal), managers (HST-EV-2)
extern const authz::Policy read_order;           // the student, representatives, curator, managers, administration; the commission for its decisions
extern const authz::Policy door;                 // the institution (hostel.door): the duty officer's screen

extern const authz::ObjectKind student;          // a student as the subject of applications
extern const authz::Policy apply_for_student;      // representatives for their own child, managers on paper, administration
extern const authz::Policy read_student_applications;   // the student, representatives, managers, administration
extern const authz::Policy adopt_decision;         // the commission's officers, administration: records an adopted decision
extern const authz::Policy consider_bumping;       // the commission, administration (HST-BUMP-1, appendix 4)

extern const authz::Policy propose_bumping;        // the commission's officers, administration: puts a bumping on the session (HST-BUMP-1)

extern const authz::Policy person_hostel;           // a student's overview section: own record, own child, administration

// Residence side: the register, settlement, the visitors' bans, violations and evictions.
extern const authz::Policy read_register;        // the institution (hostel.manage): residents' register, violation register, evictions
extern const authz::Policy settle;               // the institution (hostel.manage): settlement on the principal's order (HST-REG-1)
extern const authz::Policy my_residence;         // the institution (hostel.read): the student's and their children's residence
extern const authz::Policy manage_visitors;      // the institution (hostel.manage): bans (HST-VIS-1)
extern const authz::Policy read_violation;       // the student, representatives, curator, managers, administration
extern const authz::Policy familiarise_violation;   // the student signs (HST-VIOL-1)
extern const authz::Policy manage_violation;     // managers, administration: paper signature, the order
extern const authz::Policy read_eviction;        // the student, representatives, curator, managers, administration
extern const authz::Policy manage_eviction;      // managers, administration: bypass sheet, vacating

}
